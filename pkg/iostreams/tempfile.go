package iostreams

import "os"

// TempFile writes content to a new file in os.TempDir (TMPDIR on Unix),
// named from pattern as os.CreateTemp names it, and returns its path and a
// func that removes it. os.CreateTemp creates the file with mode 0600, so
// text the user writes or failed to send is readable by no one else.
func TempFile(pattern, content string) (path string, cleanup func(), err error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return "", nil, err
	}
	path = f.Name()
	cleanup = func() { _ = os.Remove(path) }
	_, err = f.WriteString(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}
