//go:build !unix

package sqlite

import "os"

// processRunning reports whether a process with that id exists.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
