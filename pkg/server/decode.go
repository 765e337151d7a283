package server

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/supctl/supctl/pkg/service"
)

// readJSON decodes the request body into v, rejecting unknown fields,
// trailing data, text that is not UTF-8 and other media types. It returns
// the raw body for idempotency fingerprints.
func readJSON(r *http.Request, v any) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if mt != "application/json" {
		return nil, newProblem(http.StatusUnsupportedMediaType, "unsupported-media-type", "send the body as Content-Type: application/json")
	}
	if err != nil {
		return nil, newProblem(http.StatusUnsupportedMediaType, "unsupported-media-type", fmt.Sprintf("malformed Content-Type %q (%v): send Content-Type: application/json", ct, err))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, newProblem(http.StatusUnsupportedMediaType, "unsupported-media-type", fmt.Sprintf("charset %q: send the body in UTF-8", cs))
	}
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, newProblem(http.StatusRequestEntityTooLarge, "payload-too-large", "request body is larger than 1 MiB")
	}
	if err != nil && r.Context().Err() != nil {
		return nil, clientClosed()
	}
	if err != nil {
		return nil, badRequest("cannot read request body: " + err.Error())
	}
	// encoding/json would replace each invalid byte with U+FFFD and store
	// text nobody sent.
	if field, bad := notUTF8(body); bad {
		p := badRequest(fmt.Sprintf("%s is not valid UTF-8 text: send text in UTF-8, without unpaired surrogates", cmp.Or(field, "the body")))
		p.Field = field
		return nil, p
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, badRequest("malformed JSON body: " + err.Error())
	}
	if dec.More() {
		return nil, badRequest("malformed JSON body: unexpected data after the JSON value")
	}
	return body, nil
}

// notUTF8 tells whether body holds a JSON string that is not valid UTF-8,
// as raw bytes or as a \u escape of an unpaired surrogate, and names the
// field it is the value (or the name) of, such as "subject" or "tags[1]"
// ("" at the top level). It reports nothing for a body that is not JSON:
// the decoder refuses that.
func notUTF8(body []byte) (field string, bad bool) {
	if utf8.Valid(body) && !surrogateEscape(body) {
		return "", false
	}
	type level struct {
		object bool
		key    string // in an object, the field being read
		index  int    // in an array, the element being read
		keyed  bool   // in an object, the key has been read and the value is next
	}
	var stack []level
	name := func(last string) string {
		var b strings.Builder
		for i, l := range stack {
			switch {
			case l.object && (i < len(stack)-1 || last == ""):
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(l.key)
			case !l.object:
				fmt.Fprintf(&b, "[%d]", l.index)
			}
		}
		if last != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(last)
		}
		return b.String()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		raw := body[start:dec.InputOffset()]
		top := len(stack) - 1
		isKey := top >= 0 && stack[top].object && !stack[top].keyed
		if str, ok := tok.(string); ok && (!utf8.Valid(raw) || surrogateEscape(raw)) {
			if isKey {
				return name(str), true
			}
			return name(""), true
		}
		switch {
		case tok == json.Delim('{') || tok == json.Delim('['):
			stack = append(stack, level{object: tok == json.Delim('{')})
			continue
		case tok == json.Delim('}') || tok == json.Delim(']'):
			stack = stack[:top]
		case isKey:
			stack[top].key, stack[top].keyed = tok.(string), true
			continue
		}
		// A value ended: the enclosing object expects its next key, the
		// enclosing array its next element.
		if top = len(stack) - 1; top >= 0 {
			if stack[top].object {
				stack[top].keyed = false
			} else {
				stack[top].index++
			}
		}
	}
}

// surrogateEscape tells whether b holds a \u escape of a surrogate that is
// not part of a high-low pair, which encoding/json decodes as U+FFFD.
func surrogateEscape(b []byte) bool {
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		return rune(n), err == nil
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		r, ok := hex4(i)
		if !ok {
			i++ // the escaped character, such as a backslash
			continue
		}
		switch {
		case r >= 0xDC00 && r <= 0xDFFF:
			return true
		case r >= 0xD800 && r <= 0xDBFF:
			low, ok := hex4(i + 6)
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

// idempotency reads the Idempotency-Key header; the fingerprint binds the
// key to this exact request.
func idempotency(r *http.Request, body []byte) (service.Idempotency, error) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return service.Idempotency{}, nil
	}
	if len(key) > 255 {
		return service.Idempotency{}, badRequest("Idempotency-Key is longer than 255 characters")
	}
	sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.Path+"\n"), body...))
	return service.Idempotency{Key: key, Fingerprint: hex.EncodeToString(sum[:])}, nil
}

func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest(fmt.Sprintf("invalid id %q: ids are positive integers", raw))
	}
	return id, nil
}
