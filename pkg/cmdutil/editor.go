package cmdutil

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/supctl/supctl/pkg/iostreams"
)

// Editor lets the user edit text and returns it as saved. name is a file
// name hint ("comment.md") for editors that pick a mode by extension.
type Editor func(name, text string) (string, error)

// EditorCommand is the editor the user chose: SUPCTL_EDITOR, else VISUAL,
// else EDITOR, else nano when it is installed, else vi (notepad on
// Windows).
func EditorCommand(getenv func(string) string) string {
	for _, k := range []string{"SUPCTL_EDITOR", "VISUAL", "EDITOR"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
	}
	if runtime.GOOS == "windows" {
		return "notepad"
	}
	if _, err := exec.LookPath("nano"); err == nil {
		return "nano"
	}
	return "vi"
}

// SystemEditor runs the editor EditorCommand names on a temporary file,
// attached to the terminal of ios.
func SystemEditor(ios *iostreams.IOStreams, getenv func(string) string) Editor {
	return func(name, text string) (string, error) {
		path, cleanup, err := iostreams.TempFile("supctl-*-"+name, text)
		if err != nil {
			return "", Errorf("cannot create a file to edit: %v", err)
		}
		defer cleanup()
		editor := EditorCommand(getenv)
		var cmd *exec.Cmd
		if runtime.GOOS == "windows" {
			words := strings.Fields(editor)
			cmd = exec.Command(words[0], append(words[1:], path)...)
		} else {
			// The shell splits the command as the user wrote it:
			// EDITOR="code --wait" works, and so do quoted paths.
			cmd = exec.Command("sh", "-c", editor+` "$@"`, "sh", path)
		}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = ios.In, ios.Out, ios.ErrOut
		if err := cmd.Run(); err != nil {
			return "", (&Error{Code: ExitError, Message: fmt.Sprintf("the editor %q failed: %v", editor, err), Err: err}).
				WithHint("set SUPCTL_EDITOR (or VISUAL or EDITOR) to an editor that works, or give --body or --body-file")
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", Errorf("cannot read back %s: %v", path, err)
		}
		return string(data), nil
	}
}

// EditorCutLine ends the text a user writes in the editor: it and every
// line after it, the instructions, are removed.
const EditorCutLine = "# ------------------------ >8 ------------------------"

// EditorTemplate is text to open in the editor: an empty first line to
// write on, then the cut line and the instructions as comments.
func EditorTemplate(initial string, instructions ...string) string {
	var b strings.Builder
	b.WriteString(initial)
	b.WriteString("\n\n" + EditorCutLine + "\n")
	b.WriteString("# Do not change the line above: it and everything below it are removed.\n")
	for _, l := range instructions {
		b.WriteString("# " + l + "\n")
	}
	return b.String()
}

// StripEditorTemplate is what the user wrote: the text before the cut
// line, without leading blank lines or trailing white space.
func StripEditorTemplate(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i := strings.Index(text, "\n"+EditorCutLine); i >= 0 {
		text = text[:i]
	} else if strings.HasPrefix(text, EditorCutLine) {
		text = ""
	}
	text = strings.TrimRight(text, " \t\n")
	for strings.HasPrefix(text, "\n") || strings.HasPrefix(strings.TrimLeft(text, " \t"), "\n") {
		text = text[strings.Index(text, "\n")+1:]
	}
	return text
}

// RecoverFile keeps text a request failed to send in a private temporary
// file and returns its path; name is a pattern such as "comment-*.md".
func RecoverFile(name, text string) (string, error) {
	// No cleanup: the file must outlive the command for the user to send it
	// again.
	path, _, err := iostreams.TempFile("supctl-"+name, text)
	return path, err
}
