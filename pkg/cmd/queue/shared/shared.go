// Package shared holds what the queue commands share: which queues a
// profile works, and how a claim conflict is told.
package shared

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/support"
)

// ProfileQueues are the queues of the active profile: its `queues`, or
// every division of its region when it names none.
func ProfileQueues(cfg func() (*config.Config, error)) ([]support.Queue, error) {
	c, err := cfg()
	if err != nil {
		return nil, err
	}
	p, err := c.Active()
	if err != nil {
		return nil, err
	}
	if len(p.Queues) == 0 {
		if p.Region == "" {
			return nil, cmdutil.UsageErrorf("profile %s names no queues and no region", p.Name).
				WithHint("run `supctl profile set region apac-jp` for a region's queues, or `supctl profile set queues apac-jp/core,apac-jp/spark`")
		}
		var out []support.Queue
		for _, d := range support.Divisions.Values() {
			out = append(out, support.Queue{Region: p.Region, Division: d})
		}
		return out, nil
	}
	return ParseQueues(p.Queues)
}

// ParseQueues reads queue names, as a usage error when one is malformed.
func ParseQueues(names []string) ([]support.Queue, error) {
	out := make([]support.Queue, 0, len(names))
	for _, name := range names {
		q, err := support.ParseQueue(name)
		if err != nil {
			return nil, cmdutil.UsageErrorf("%s", err.Error())
		}
		out = append(out, q)
	}
	return out, nil
}

// ClaimLost turns the API's 409 for a lost claim into exit 5 naming who
// holds the ticket and since when, written by when.
func ClaimLost(err error, id int64, when func(time.Time) string) error {
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusConflict || httpErr.Problem.Holder == "" {
		return err
	}
	return &cmdutil.Error{
		Code:    cmdutil.ExitConflict,
		Message: fmt.Sprintf("#%d was claimed by %s at %s", id, httpErr.Problem.Holder, when(httpErr.Problem.Since)),
		HintMsg: "pick another with `supctl queue next`",
		Err:     err,
	}
}
