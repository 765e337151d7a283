package storetest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	_ "github.com/supctl/supctl/pkg/store/sqlite" // the default backend of tests
	"github.com/supctl/supctl/pkg/support"
)

// onPostgres is set while Main runs a package's tests the second time.
var onPostgres bool

// Main runs a package's tests on each backend, for a TestMain: on SQLite,
// then again on PostgreSQL when PostgresEnv names a database (Open hands
// out stores of the run's backend). Without it, it says the second run
// was skipped.
func Main(m *testing.M) int {
	code := m.Run()
	if os.Getenv(PostgresEnv) == "" {
		fmt.Printf("PostgreSQL run skipped: set %s to a database URL to run these tests on PostgreSQL too\n", PostgresEnv)
		return code
	}
	fmt.Println("== the same tests on PostgreSQL")
	onPostgres = true
	return max(code, m.Run())
}

// Open opens an empty store on now for a test of another layer (server,
// commands, benchmarks), and closes it when the test ends: a SQLite file
// in the test's temporary directory, or, in Main's PostgreSQL run, a
// schema of its own in that database.
func Open(t testing.TB, now func() time.Time) store.Store {
	t.Helper()
	return OpenReplicas(t, now, 1)[0]
}

// OpenReplicas is Open for n replicas of a server: n stores, each with
// its own connections (and, on SQLite, its own writer), over one empty
// database.
func OpenReplicas(t testing.TB, now func() time.Time, n int) []store.Store {
	t.Helper()
	url := "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	if onPostgres {
		url = PostgresURL(t)
	}
	stores := make([]store.Store, n)
	for i := range stores {
		st, err := store.Open(t.Context(), url, store.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores[i] = st
	}
	return stores
}

// loadBatch is how many tickets Load writes per transaction.
const loadBatch = 500

// Load adds tickets, normalized, to st as actor's CreateTicket at at would:
// each with its created event, but with no breach computed. It writes
// through the store alone, many to a transaction, far faster than the
// service one by one, and returns their ids.
func Load(t testing.TB, st store.Store, actor store.Actor, at time.Time, tickets []support.NewTicket) []int64 {
	t.Helper()
	ids := make([]int64, 0, len(tickets))
	for batch := range slices.Chunk(tickets, loadBatch) {
		err := st.InTx(t.Context(), func(tx store.Tx, _ time.Time) error {
			for _, n := range batch {
				id, err := tx.InsertTicket(t.Context(), n, at)
				if err != nil {
					return err
				}
				tk, err := tx.Ticket(t.Context(), id)
				if err != nil {
					return err
				}
				c := support.Change{Entity: support.EntityTicket, EntityID: id, Kind: support.EventCreated, After: tk}
				if err := tx.Record(t.Context(), actor, at, c); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("loading tickets: %v", err)
		}
	}
	return ids
}
