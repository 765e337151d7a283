package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// raceTickets is how many tickets each claim race drains.
const raceTickets = 5000

// raceQueues are the queues the race's tickets wait in; every client asks
// for all of them.
var raceQueues = []support.Queue{
	{Region: "apac-jp", Division: "core"}, {Region: "apac-jp", Division: "sql"},
	{Region: "apac-jp", Division: "yarn"}, {Region: "apac-jp", Division: "spark"},
}

// BenchmarkClaimNextHTTP drains 5,000 waiting tickets through POST
// /api/v1/queues/next over loopback HTTP, each client looping until it gets
// 204, and reports claims per second and the latency of a call. Every
// ticket must end up won exactly once, by the engineer the database names.
// One iteration is one whole drain, on a fresh database; run it with
// -benchtime 1x:
//
//	go test -run '^$' -bench ClaimNextHTTP -benchtime 1x ./pkg/server/
func BenchmarkClaimNextHTTP(b *testing.B) {
	for _, c := range []struct{ clients, replicas int }{{8, 1}, {64, 1}, {8, 2}} {
		clients, replicas := c.clients, c.replicas
		name := fmt.Sprintf("clients=%d", clients)
		if replicas > 1 {
			name += fmt.Sprintf("/replicas=%d", replicas)
		}
		b.Run(name, func(b *testing.B) {
			var latencies []time.Duration
			var elapsed time.Duration
			var wal, db float64
			for range b.N {
				b.StopTimer()
				r := newClaimRace(b, clients, replicas, raceTickets)
				b.StartTimer()
				start := time.Now()
				won, l := r.drain(b, clients)
				elapsed += time.Since(start)
				b.StopTimer()
				r.check(b, won)
				w, d := storeMiB(b)
				wal, db = max(wal, w), max(db, d)
				r.close()
				latencies = append(latencies, l...)
				b.StartTimer()
			}
			slices.Sort(latencies)
			b.ReportMetric(float64(raceTickets*b.N)/elapsed.Seconds(), "claims/s")
			b.ReportMetric(millis(percentile(latencies, 0.50)), "p50-ms")
			b.ReportMetric(millis(percentile(latencies, 0.99)), "p99-ms")
			b.ReportMetric(millis(latencies[len(latencies)-1]), "max-ms")
			b.ReportMetric(wal, "wal-MiB")
			b.ReportMetric(db, "db-MiB")
		})
	}
}

// raceEngineers is how many engineers the clients call for, in turn, so
// that each holds few tickets, as in real life; their work-in-progress
// limit lets them take all the tickets of a race between them.
const raceEngineers = 500

// claimRace is a server, or several replicas, over a fresh store of
// waiting tickets, and the engineers who take them.
type claimRace struct {
	st        store.Store
	stores    []store.Store // one per replica, st among them
	srvs      []*httptest.Server
	http      *http.Client
	want      []int64
	engineers []raceEngineer
}

type raceEngineer struct{ email, token string }

func newClaimRace(b testing.TB, clients, replicas, tickets int) *claimRace {
	b.Helper()
	ctx := b.Context()
	engine := clocks.Default()
	stores := storetest.OpenReplicas(b, nil, replicas)
	st, svc := stores[0], service.New(stores[0], service.WithClocks(engine))
	r := &claimRace{st: st, stores: stores}
	for i := range raceEngineers {
		email := fmt.Sprintf("engineer%03d@example.com", i)
		if _, err := svc.CreateUser(ctx, service.System, support.User{Email: email, Role: support.RoleEngineer, Region: "apac-jp", Tier: "frontline",
			WIPLimit: tickets/raceEngineers + 1}); err != nil {
			b.Fatal(err)
		}
		issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: email, Label: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		r.engineers = append(r.engineers, raceEngineer{email, issued.Token})
	}
	accounts := map[int64]support.Account{}
	var customers []int64
	for _, plan := range []string{"premium", "standard"} {
		a, err := svc.CreateAccount(ctx, service.System, support.Account{Name: "Tokyo " + plan, Kind: "customer", Plan: plan, Region: "apac-jp"})
		if err != nil {
			b.Fatal(err)
		}
		accounts[a.ID] = a
		customers = append(customers, a.ID)
	}
	r.want = storetest.LoadStates(b, st, loader, withBreaches(b, engine, accounts, waitingTickets(customers, tickets)))

	for _, st := range stores {
		r.srvs = append(r.srvs, httptest.NewServer(server.New(service.New(st, service.WithClocks(engine)), nil).Handler()))
	}
	// One kept-alive connection per client, as a fleet of CLIs would hold.
	r.http = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	return r
}

// waitingTickets are n new tickets spread over raceQueues,
// severities and the customers, opened a minute apart up to now, so that
// their breach instants differ and some have passed.
func waitingTickets(customers []int64, n int) []storetest.State {
	now := time.Now().Truncate(time.Millisecond)
	out := make([]storetest.State, n)
	for i := range out {
		q := raceQueues[i%len(raceQueues)]
		out[i] = storetest.State{
			NewTicket: support.NewTicket{
				Subject: fmt.Sprintf("race ticket %d", i), Severity: support.Severities.Values()[(i/4)%4],
				Division: q.Division, Region: q.Region, Language: "ja", Channel: "portal", RequesterKind: "customer",
				AccountID: customers[(i/16)%len(customers)],
			},
			Status:  "new",
			Created: now.Add(-time.Duration(n-i) * time.Minute),
		}
	}
	return out
}

// drain has clients call queues/next, each call for the next engineer in
// turn, until each client gets 204, and returns the ids each engineer was
// told they won, by email, and the latency of every call. Any other answer
// fails b.
func (r *claimRace) drain(b *testing.B, clients int) (map[string][]int64, []time.Duration) {
	body, err := json.Marshal(support.NextRequest{Queues: raceQueues})
	if err != nil {
		b.Fatal(err)
	}
	type claim struct {
		email string
		id    int64
	}
	won := make([][]claim, clients)
	latencies := make([][]time.Duration, clients)
	// Each client's last call finds nothing; more calls than that and one
	// per ticket would mean tickets handed out twice, and a race without end.
	limit := int64(len(r.want) + clients)
	var calls atomic.Int64
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			for n := calls.Add(1); n <= limit; n = calls.Add(1) {
				e := r.engineers[n%int64(len(r.engineers))]
				start := time.Now()
				id, done, err := r.next(r.srvs[n%int64(len(r.srvs))].URL, e.token, body)
				latencies[i] = append(latencies[i], time.Since(start))
				if err != nil {
					b.Errorf("client %d, for %s: %v", i, e.email, err)
					return
				}
				if done {
					return
				}
				won[i] = append(won[i], claim{e.email, id})
			}
			b.Errorf("client %d: more calls than tickets", i)
		})
	}
	wg.Wait()
	out := map[string][]int64{}
	for _, c := range slices.Concat(won...) {
		out[c.email] = append(out[c.email], c.id)
	}
	return out, slices.Concat(latencies...)
}

// next makes one queues/next call: the id of the ticket claimed, or done
// when there was nothing to pick.
func (r *claimRace) next(url, token string, body []byte) (id int64, done bool, err error) {
	req, err := http.NewRequest("POST", url+"/api/v1/queues/next", bytes.NewReader(body))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := r.http.Do(req)
	if err != nil {
		return 0, false, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	switch {
	case err != nil:
		return 0, false, err
	case resp.StatusCode == http.StatusNoContent:
		return 0, true, nil
	case resp.StatusCode != http.StatusOK:
		return 0, false, fmt.Errorf("%d %s", resp.StatusCode, data)
	}
	var pick struct {
		Ticket  struct{ ID int64 }
		Claimed bool
	}
	if err := json.Unmarshal(data, &pick); err != nil || !pick.Claimed {
		return 0, false, fmt.Errorf("pick %s is not a claim (%v)", data, err)
	}
	return pick.Ticket.ID, false, nil
}

// check fails b unless every ticket was won exactly once, by the client
// the database names as its owner.
func (r *claimRace) check(b *testing.B, won map[string][]int64) {
	b.Helper()
	if err := storetest.CheckClaims(r.want, won, storetest.Owners(b, r.st)); err != nil {
		b.Fatal(err)
	}
}

func (r *claimRace) close() {
	r.http.CloseIdleConnections()
	for _, srv := range r.srvs {
		srv.Close()
	}
	for _, st := range r.stores {
		st.Close()
	}
}

// percentile is the p-quantile (0 < p ≤ 1) of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// storeMiB is the size in MiB of the write-ahead logs and of the
// databases, of the SQLite stores storetest.Open made in b's temporary
// directories, the largest of each; 0 and 0 for a backend that keeps no
// such files.
func storeMiB(b testing.TB) (wal, db float64) {
	files, err := filepath.Glob(filepath.Join(filepath.Dir(b.TempDir()), "*", "*"))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			continue // a file the store removed meanwhile
		}
		size := float64(fi.Size()) / (1 << 20)
		switch {
		case strings.HasSuffix(f, ".db-wal"):
			wal = max(wal, size)
		case strings.HasSuffix(f, ".db"):
			db = max(db, size)
		}
	}
	return wal, db
}
