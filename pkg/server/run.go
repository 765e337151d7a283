package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Serve answers on ln until ctx is cancelled, then stops accepting and lets
// requests in flight finish for up to drain.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, drain time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    ListenMaxHeaderBytes, // the handler refuses more than MaxHeaderBytes as a problem
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "drain", drain.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Bootstrap creates the first admin of an empty database and returns its
// one-time token; on a database that has users it does nothing. The user
// and the token are two writes: callers run it on a new database that no
// one sees before it returns (sqlite.Create), so a process stopped between
// them leaves no admin without a token.
func Bootstrap(ctx context.Context, st store.Store, email string) (token string, err error) {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	issued, err := CreateUserWithToken(ctx, st, store.Actor{}, support.User{Email: email, Name: "Administrator", Role: "admin", Region: "americas-west"})
	return issued.Token, err
}
