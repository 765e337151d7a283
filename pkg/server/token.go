package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
)

// tokenPrefix marks supctl tokens so secret scanners can find leaked ones.
const tokenPrefix = "sup_"

// newToken returns a fresh bearer token and the hash that is stored in its
// place; the token itself is never stored.
func newToken() (token string, hash []byte) {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	token = tokenPrefix + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
