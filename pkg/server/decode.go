package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/supctl/supctl/pkg/store"
)

// readJSON decodes the request body into v, rejecting unknown fields,
// trailing data and other media types. It returns the raw body for
// idempotency fingerprints.
func readJSON(r *http.Request, v any) ([]byte, error) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return nil, newProblem(http.StatusUnsupportedMediaType, "unsupported-media-type", "send the body as Content-Type: application/json")
	}
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, newProblem(http.StatusRequestEntityTooLarge, "payload-too-large", "request body is larger than 1 MiB")
	}
	if err != nil {
		return nil, badRequest("cannot read request body: " + err.Error())
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

// idempotency reads the Idempotency-Key header; the fingerprint binds the
// key to this exact request.
func idempotency(r *http.Request, body []byte) (store.Idempotency, error) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return store.Idempotency{}, nil
	}
	if len(key) > 255 {
		return store.Idempotency{}, badRequest("Idempotency-Key is longer than 255 characters")
	}
	sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.Path+"\n"), body...))
	return store.Idempotency{Key: key, Fingerprint: hex.EncodeToString(sum[:])}, nil
}

func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest(fmt.Sprintf("invalid id %q: ids are positive integers", raw))
	}
	return id, nil
}
