// Package api implements `supctl api`, the raw escape hatch to the API.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// APIOptions are the flags of `supctl api`.
type APIOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)

	Path        string
	Method      string
	RawFields   []string
	TypedFields []string
	Headers     []string
	Input       string
	Include     bool
	Exporter    *cmdutil.Exporter
}

// NewCmdAPI returns the command; runF replaces the run in tests.
func NewCmdAPI(f *cmdutil.Factory, runF func(*APIOptions) error) *cobra.Command {
	opts := &APIOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "api <path> [-X <method>] [-f <key=value>] [--input <file>]",
		Short: "Make an authenticated request to the supctl API",
		Long: `Call any endpoint of the API (docs/api/openapi.yaml) as the active
profile's user and print the response body. The path may omit the /api/v1
prefix.

-f key=value adds a string field, -F key=value a typed one (true, false,
null and numbers become JSON values; @file reads the value from a file).
Fields go into the query string of a GET and into a JSON body otherwise,
where they make the method POST unless -X says otherwise. --input sends a
file ("-" for standard input) as the body.

--jq and --template filter or format a JSON response, as they do for
other commands.

A non-2xx answer prints its problem document and exits with the code that
status maps to (see "supctl help exit-codes").`,
		Example: `  $ supctl api /me
  $ supctl api -X GET tickets -f severity=S1 -f status=open --jq '.tickets[].id'
  $ supctl api tickets/1042/comments -f body="Looking into it" -F internal=true
  $ supctl api -X PATCH tickets/1042 --input patch.json -H 'If-Match: "3"'`,
		Args: cmdutil.ExactArgs(1, "give the path to call, e.g. `supctl api /me`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if !cmd.Flags().Changed("method") && (len(opts.RawFields)+len(opts.TypedFields) > 0 || opts.Input != "") {
				opts.Method = http.MethodPost
			}
			opts.Method = strings.ToUpper(opts.Method)
			if opts.Input != "" && len(opts.RawFields)+len(opts.TypedFields) > 0 && opts.Method != http.MethodGet {
				return cmdutil.UsageErrorf("give fields or --input, not both")
			}
			if runF != nil {
				return runF(opts)
			}
			return apiRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Method, "method", "X", http.MethodGet, "HTTP method")
	fl.StringArrayVarP(&opts.RawFields, "raw-field", "f", nil, "add a string field `key=value`")
	fl.StringArrayVarP(&opts.TypedFields, "field", "F", nil, "add a typed field `key=value`")
	fl.StringArrayVarP(&opts.Headers, "header", "H", nil, "add a request header `key:value`")
	fl.StringVar(&opts.Input, "input", "", "send the body from `file` (\"-\" for standard input)")
	fl.BoolVarP(&opts.Include, "include", "i", false, "print the status line and response headers")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, nil)
	// The response is JSON already and has no fields to pick: --json is
	// accepted, but only --jq and --template are worth showing.
	_ = fl.MarkHidden("json")
	return cmd
}

func apiRun(ctx context.Context, opts *APIOptions) error {
	req, err := buildRequest(opts)
	if err != nil {
		return err
	}
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	resp, body, err := client.Raw(ctx, req)
	if err != nil {
		return err
	}
	if opts.Include {
		fmt.Fprintf(opts.IO.Out, "%s %s\n", resp.Proto, resp.Status)
		keys := make([]string, 0, len(resp.Header))
		for k := range resp.Header {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(opts.IO.Out, "%s: %s\n", k, strings.Join(resp.Header[k], ", "))
		}
		fmt.Fprintln(opts.IO.Out)
	}
	if resp.StatusCode < 300 && opts.Exporter != nil && len(body) > 0 {
		var data any
		if err := json.Unmarshal(body, &data); err != nil {
			return cmdutil.Errorf("the response is not JSON, so --jq and --template cannot apply: %v", err)
		}
		return opts.Exporter.Write(opts.IO, data)
	}
	if len(body) > 0 {
		writeBody(opts.IO, body)
	}
	if resp.StatusCode >= 300 {
		return api.NewHTTPError(resp, body)
	}
	return nil
}

// writeBody indents JSON for a terminal and passes anything else through.
func writeBody(ios *iostreams.IOStreams, body []byte) {
	var out bytes.Buffer
	if ios.IsStdoutTTY() && json.Indent(&out, body, "", "  ") == nil {
		body = out.Bytes()
	}
	ios.Out.Write(body)
	if !bytes.HasSuffix(body, []byte("\n")) {
		fmt.Fprintln(ios.Out)
	}
}

func buildRequest(opts *APIOptions) (api.Request, error) {
	path := opts.Path
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if !strings.HasPrefix(path, "/api/") && path != "/healthz" && path != "/readyz" {
		path = "/api/v1" + path
	}
	req := api.Request{Method: opts.Method, Path: path, Header: http.Header{}}
	for _, h := range opts.Headers {
		k, v, ok := strings.Cut(h, ":")
		if !ok {
			return req, cmdutil.UsageErrorf("invalid --header %q: use key:value", h)
		}
		req.Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	fields, err := parseFields(opts.RawFields, opts.TypedFields, opts.IO.In)
	if err != nil {
		return req, err
	}
	switch {
	case opts.Method == http.MethodGet && len(fields) > 0:
		q := url.Values{}
		for k, v := range fields {
			q.Set(k, fmt.Sprint(v))
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		req.Path += sep + q.Encode()
	case len(fields) > 0:
		req.Body = fields
	case opts.Input == "-":
		req.Body = opts.IO.In
	case opts.Input != "":
		data, err := os.ReadFile(opts.Input)
		if err != nil {
			return req, cmdutil.UsageErrorf("cannot read --input: %v", err)
		}
		req.Body = bytes.NewReader(data)
	}
	return req, nil
}

// parseFields turns -f and -F flags into a JSON object.
func parseFields(raw, typed []string, stdin io.Reader) (map[string]any, error) {
	fields := map[string]any{}
	for _, f := range raw {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, cmdutil.UsageErrorf("invalid field %q: use key=value", f)
		}
		fields[k] = v
	}
	for _, f := range typed {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, cmdutil.UsageErrorf("invalid field %q: use key=value", f)
		}
		value, err := typedValue(v, stdin)
		if err != nil {
			return nil, err
		}
		fields[k] = value
	}
	return fields, nil
}

func typedValue(v string, stdin io.Reader) (any, error) {
	switch v {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return f, nil // NaN and Inf, which JSON cannot carry, stay strings
	}
	if name, ok := strings.CutPrefix(v, "@"); ok {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			return nil, cmdutil.UsageErrorf("cannot read field value from %s: %v", v, err)
		}
		return string(data), nil
	}
	return v, nil
}
