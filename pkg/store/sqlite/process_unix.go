//go:build unix

package sqlite

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// processRunning reports whether a process with that id exists and has not
// ended: on Linux a killed process nobody has reaped yet (a zombie) has
// ended too.
func processRunning(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if i := bytes.LastIndexByte(stat, ')'); err == nil && i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z' && stat[i+2] != 'X'
	}
	return true
}
