package cmdutil

// Prompter asks the user questions on the terminal. Every method refuses,
// with an error and without reading anything, when IOStreams.CanPrompt is
// false: a script must never hang on a question. A prompt is a phrase
// without a trailing colon; the prompter adds the punctuation and the
// default.
type Prompter interface {
	// Input asks for a line of text; an empty answer is def.
	Input(prompt, def string) (string, error)
	// Password asks for a secret without echoing it.
	Password(prompt string) (string, error)
	// Confirm asks a yes-or-no question; an empty answer is def.
	Confirm(prompt string, def bool) (bool, error)
	// Select asks for one of options and returns its index; an empty
	// answer is def, when def is one of them.
	Select(prompt, def string, options []string) (int, error)
}
