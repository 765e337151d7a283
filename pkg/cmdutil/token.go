package cmdutil

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/config"
)

// ProfileToken is the token a command may send to the api_url of p, a
// remote profile whose api_url ActiveForConnection has checked, with
// where it was found. A token that may not be sent there is returned with
// the error, for `auth status` to show.
//
// SUPCTL_TOKEN is the user's own choice and goes wherever the api_url
// points. A stored token goes only to the origin (scheme://host:port) it
// was issued for: for another one it is an error (exit 4) that says how
// to log in there. A token stored before tokens were bound is bound to
// p's api_url on its first use, with a notice on w (where it cannot be
// written, it is used unbound, with a warning, as before binding); with
// bind false (shell completion, which writes nothing) such a token is not
// used.
//
// Unless w is nil, it also warns on w when the token would cross the
// network unencrypted: plain http:// to a host that is not loopback.
func ProfileToken(cfg *config.Config, p config.Profile, w io.Writer, bind bool) (config.Credential, error) {
	cr, err := cfg.Credential(p.Name)
	if err != nil {
		return cr, err
	}
	if cr.Token == "" {
		return cr, NotLoggedIn(p)
	}
	origin, err := api.OriginOf(p.APIURL)
	if err != nil {
		return cr, fmt.Errorf("invalid api_url %q of profile %s: %w", p.APIURL, p.Name, err)
	}
	switch {
	case cr.Source == config.TokenSourceEnv:
	case cr.Origin == "" && !bind:
		return cr, NotLoggedIn(p)
	case cr.Origin == "":
		// The token went to this api_url before; a store that cannot be
		// written now (a locked keyring) only delays the binding.
		switch err := cfg.BindToken(p.Name, cr, origin); {
		case err != nil && w != nil:
			fmt.Fprintf(w, "warning: the token of profile %s is not yet bound to %s: %v\n", p.Name, api.ShortOrigin(origin), err)
		case err == nil:
			cr.Origin = origin
			if w != nil {
				fmt.Fprintf(w, "notice: the token of profile %s is now bound to %s and will be sent to no other server\n",
					p.Name, api.ShortOrigin(origin))
			}
		}
	case cr.Origin != origin:
		return cr, originMismatch(cfg, p, cr.Origin, origin)
	}
	if w != nil {
		WarnPlainHTTP(w, p)
	}
	return cr, nil
}

// NotLoggedIn is the error of a remote profile without a token (exit 4).
func NotLoggedIn(p config.Profile) error {
	return (&Error{Code: ExitAuth, Message: fmt.Sprintf("not logged in to %s (profile %s)", p.APIURL, p.Name)}).
		WithHint("run `supctl auth login --profile %s`, or set SUPCTL_TOKEN", p.Name)
}

func originMismatch(cfg *config.Config, p config.Profile, issued, now string) error {
	where := ""
	if r, err := cfg.Resolve(); err == nil && r.Sources["api_url"] == config.SourceEnv {
		where = " (from SUPCTL_API_URL)"
	}
	return (&Error{
		Code: ExitAuth,
		Message: fmt.Sprintf("the token of profile %s was issued for %s, not %s%s; it is not sent there",
			p.Name, api.ShortOrigin(issued), api.ShortOrigin(now), where),
	}).WithHint("log in to %s with `supctl auth login --profile %s`, or set api_url back", api.ShortOrigin(now), p.Name)
}

// WarnPlainHTTP warns on w when p's api_url is plain http:// to a host
// that is not this machine: the token and every ticket would cross the
// network unencrypted.
func WarnPlainHTTP(w io.Writer, p config.Profile) {
	u, err := url.Parse(p.APIURL)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || isLoopback(u.Hostname()) {
		return
	}
	fmt.Fprintf(w, "warning: profile %s uses plain http:// to %s: the token and the data cross the network unencrypted; use https://\n",
		p.Name, u.Host)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
