// Package comment implements `supctl ticket comment`.
package comment

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// CommentOptions are the flags of `ticket comment`.
type CommentOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)

	ID             int64
	Body           string
	BodyFile       string
	Internal       bool
	FromRequester  bool
	IdempotencyKey string

	// Edit is the user's editor; with neither --body nor --body-file on a
	// terminal, the comment is written in it.
	Edit      cmdutil.Editor
	UseEditor bool
	// retry is the command line that runs this command again with some
	// flags set (see cmdutil.RetryCommand).
	retry func(set ...string) string
}

// NewCmdComment returns the command; runF replaces the run in tests.
func NewCmdComment(f *cmdutil.Factory, runF func(*CommentOptions) error) *cobra.Command {
	opts := &CommentOptions{IO: f.IOStreams, APIClient: f.APIClient, Edit: f.Editor}
	cmd := &cobra.Command{
		Use:   "comment <id> [--body <text> | --body-file <file>] [--internal | --from-requester]",
		Short: "Reply to a ticket, or add an internal note",
		Long: `Add a public reply to a ticket, or with --internal a note that only your
organisation sees (partners never see internal notes). A public reply by an
engineer counts as a response for the SLA clocks.

With --from-requester the comment is a reply the customer or partner sent by
email or phone, logged for them: it is public, and the SLA clocks count it as
the customer's reply, not as your response.

With neither --body nor --body-file on a terminal, the comment is written in
your editor: SUPCTL_EDITOR, else VISUAL, else EDITOR, else nano or vi. Saving
an empty comment sends nothing. If sending fails, the text is kept in a file
whose path is printed, to send again with --body-file.

Every comment is sent with an idempotency key (--idempotency-key, or one made
up for it). If the server does not answer in time (--timeout), the comment may
have been posted all the same: the error prints the command that retries with
the same key, which posts it at most once.`,
		Example: `  $ supctl ticket comment 1042        # on a terminal: write it in your editor
  $ supctl ticket comment 1042 --body "Please send the output of maprcli volume info."
  $ supctl ticket comment 1042 --from-requester --body-file reply-from-customer.txt
  $ supctl ticket comment 1042 --internal --body-file notes.md
  $ echo "Reproduced on 7.5.0" | supctl ticket comment 1042 --internal --body-file -`,
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl ticket comment 1042 --body ...`"),
		ValidArgsFunction: shared.CompleteTicketIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := shared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			opts.retry = func(set ...string) string { return cmdutil.RetryCommand(cmd, args, set...) }
			bodySet := cmd.Flags().Changed("body")
			opts.UseEditor = !bodySet && opts.BodyFile == "" && opts.IO.CanPrompt() && opts.Edit != nil
			if !opts.UseEditor {
				body, err := shared.ReadBody(opts.IO, opts.Body, opts.BodyFile, bodySet)
				if err != nil {
					return err
				}
				opts.Body = body
				if err := checkBody(body); err != nil {
					return err
				}
			}
			if opts.Internal && opts.FromRequester {
				return cmdutil.UsageErrorf("--internal and --from-requester cannot be combined: a reply the customer sent is public")
			}
			if runF != nil {
				return runF(opts)
			}
			return commentRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Body, "body", "b", "", "the comment `text`")
	cmd.Flags().StringVarP(&opts.BodyFile, "body-file", "F", "", "read the comment from `file` (\"-\" for standard input)")
	cmd.Flags().BoolVar(&opts.Internal, "internal", false, "an internal note, not shown to the customer")
	cmd.Flags().BoolVar(&opts.FromRequester, "from-requester", false, "log a reply the customer sent by email or phone")
	cmd.Flags().StringVar(&opts.IdempotencyKey, "idempotency-key", "", "make retries safe: the same `key` never posts twice (default: a new key)")
	return cmd
}

func checkBody(body string) error {
	if err := (&support.NewComment{Body: body}).Normalize(); err != nil {
		if strings.TrimSpace(body) == "" {
			return cmdutil.UsageErrorf("%s: give --body or --body-file", err.Error())
		}
		return cmdutil.UsageErrorf("%s", err.Error())
	}
	return nil
}

func commentRun(ctx context.Context, opts *CommentOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	if opts.UseEditor {
		if err := editBody(opts); err != nil {
			return err
		}
	}
	key := cmp.Or(opts.IdempotencyKey, api.NewIdempotencyKey())
	nc := support.NewComment{Body: opts.Body, Internal: opts.Internal, FromRequester: opts.FromRequester}
	c, replayed, err := client.AddCommentReplayed(ctx, opts.ID, nc, key)
	if err != nil {
		return failed(opts, err, key)
	}
	what := "reply"
	switch {
	case c.Internal:
		what = "internal note"
	case c.FromRequester:
		what = "reply from the requester"
	}
	cs := opts.IO.ColorScheme()
	if replayed {
		fmt.Fprintf(opts.IO.ErrOut, "%s %s %d was already on %s: the first attempt with this key posted it\n", cs.SuccessIcon(), what, c.ID, shared.Ref(opts.ID))
		return nil
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s added %s %d to %s\n", cs.SuccessIcon(), what, c.ID, shared.Ref(opts.ID))
	return nil
}

// editBody has the user write the comment in their editor.
func editBody(opts *CommentOptions) error {
	what := "your reply to " + shared.Ref(opts.ID) + ": the customer sees it"
	switch {
	case opts.Internal:
		what = "your internal note on " + shared.Ref(opts.ID) + ": customers and partners never see it"
	case opts.FromRequester:
		what = "the reply the requester of " + shared.Ref(opts.ID) + " sent, to log for them"
	}
	text, err := opts.Edit("comment.md", cmdutil.EditorTemplate("",
		"Write "+what+".",
		"Save and quit to send it; an empty comment sends nothing."))
	if err != nil {
		return err
	}
	opts.Body = cmdutil.StripEditorTemplate(text)
	if opts.Body == "" {
		return cmdutil.UsageErrorf("the comment is empty: nothing was sent")
	}
	if err := checkBody(opts.Body); err != nil {
		return recoverable(opts, err)
	}
	return nil
}

// keep saves a body the user cannot type again (one written in the editor
// or read from standard input) in a file and returns its path; "" when the
// body can be given again as it was.
func keep(opts *CommentOptions) string {
	if !opts.UseEditor && opts.BodyFile != "-" {
		return ""
	}
	path, err := cmdutil.RecoverFile("comment-*.md", opts.Body)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "warning: cannot keep the comment in a file: %v\n", err)
		return ""
	}
	return path
}

// recoverable is err, after keeping the body in a file and saying how to
// send it again.
func recoverable(opts *CommentOptions, err error) error {
	if path := keep(opts); path != "" {
		fmt.Fprintf(opts.IO.ErrOut, "the comment is kept in %s; to send it again, run:\n  %s\n", path, opts.retry("body-file", path))
	}
	return err
}

// failed is the error of a comment that was not posted, or may have been:
// one that timed out says so and prints the command that retries it with
// the same idempotency key.
func failed(opts *CommentOptions, err error, key string) error {
	if cmdutil.TimedOutWrite(err) == nil {
		return recoverable(opts, err)
	}
	set := []string{"idempotency-key", key}
	if path := keep(opts); path != "" {
		set = append([]string{"body-file", path}, set...)
	}
	return &cmdutil.UncertainWriteError{
		Err:     err,
		Applied: "the comment may have been posted",
		Retry:   cmdutil.RetryWithKey(opts.retry(set...), "posts the comment"),
	}
}
