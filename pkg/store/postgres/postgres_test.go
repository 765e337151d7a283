package postgres_test

import (
	"testing"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/postgres"
	"github.com/supctl/supctl/pkg/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T, o storetest.Options) store.Store {
			st, err := postgres.Open(t.Context(), storetest.PostgresURL(t), store.Options{Now: o.Now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		},
	})
}
