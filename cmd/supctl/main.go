// Command supctl is the command-line tool and API server of supctl.
package main

import (
	"os"

	"github.com/supctl/supctl/pkg/app"
)

func main() {
	os.Exit(int(app.Main()))
}
