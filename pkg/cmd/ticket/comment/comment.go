// Package comment implements `supctl ticket comment`.
package comment

import (
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
}

// NewCmdComment returns the command; runF replaces the run in tests.
func NewCmdComment(f *cmdutil.Factory, runF func(*CommentOptions) error) *cobra.Command {
	opts := &CommentOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "comment <id> {--body <text> | --body-file <file>} [--internal | --from-requester]",
		Short: "Reply to a ticket, or add an internal note",
		Long: `Add a public reply to a ticket, or with --internal a note that only your
organisation sees (partners never see internal notes). A public reply by an
engineer counts as a response for the SLA clocks.

With --from-requester the comment is a reply the customer or partner sent by
email or phone, logged for them: it is public, and the SLA clocks count it as
the customer's reply, not as your response.`,
		Example: `  $ supctl ticket comment 1042 --body "Please send the output of maprcli volume info."
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
			body, err := shared.ReadBody(opts.IO, opts.Body, opts.BodyFile, cmd.Flags().Changed("body"))
			if err != nil {
				return err
			}
			opts.Body = body
			if err := (&support.NewComment{Body: body}).Normalize(); err != nil {
				if strings.TrimSpace(body) == "" {
					return cmdutil.UsageErrorf("%s: give --body or --body-file", err.Error())
				}
				return cmdutil.UsageErrorf("%s", err.Error())
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
	cmd.Flags().StringVar(&opts.IdempotencyKey, "idempotency-key", "", "make retries safe: the same `key` never posts twice")
	return cmd
}

func commentRun(ctx context.Context, opts *CommentOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	nc := support.NewComment{Body: opts.Body, Internal: opts.Internal, FromRequester: opts.FromRequester}
	c, err := client.AddComment(ctx, opts.ID, nc, opts.IdempotencyKey)
	if err != nil {
		return err
	}
	what := "reply"
	switch {
	case c.Internal:
		what = "internal note"
	case c.FromRequester:
		what = "reply from the requester"
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintf(opts.IO.ErrOut, "%s added %s %d to %s\n", cs.SuccessIcon(), what, c.ID, shared.Ref(opts.ID))
	return nil
}
