//go:build unix

package server_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// wrkRun is how long wrk keeps the server busy, and wrkTickets how many
// tickets wait for it: more than the server can claim meanwhile, so that
// every call claims one.
const (
	wrkRun     = 2 * time.Second
	wrkTickets = 40_000
)

// BenchmarkClaimNextWrk measures the server alone: wrk, from a process of
// its own, keeps 8 connections calling POST /api/v1/queues/next, each call
// for the next of the engineers in turn, for wrkRun. The Go clients of
// BenchmarkClaimNextHTTP share the process and its two cores with the
// server; wrk costs far less per call. Every ticket claimed must be claimed
// once, and every call must have claimed one. Besides claims per second,
// it reports the processor time a claim costs the server and wrk, and the
// most claims per second the machine's processors allow at those costs.
// Skipped without wrk (Debian: apt install wrk).
//
//	go test -run '^$' -bench ClaimNextWrk -benchtime 1x ./pkg/server/
func BenchmarkClaimNextWrk(b *testing.B) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		b.Skip("wrk is not installed (Debian: apt install wrk)")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "claim-next.lua"))
	if err != nil {
		b.Fatal(err)
	}
	const clients = 8
	var claimed int
	var elapsed, busy, loadBusy time.Duration
	var p50, p99, worst time.Duration
	for range b.N {
		b.StopTimer()
		r := newClaimRace(b, clients, 1, wrkTickets)
		b.Cleanup(r.close)
		tokens := filepath.Join(b.TempDir(), "tokens")
		var lines []string
		for _, e := range r.engineers {
			lines = append(lines, e.token)
		}
		if err := os.WriteFile(tokens, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
		cpu := serverCPU(b)
		b.StartTimer()
		load := exec.Command(wrk, "-t2", fmt.Sprintf("-c%d", clients), fmt.Sprintf("-d%s", wrkRun),
			"-s", script, r.srvs[0].URL, "--", tokens)
		out, err := load.CombinedOutput()
		b.StopTimer()
		cpu = serverCPU(b) - cpu
		if err != nil {
			b.Fatalf("wrk: %v\n%s", err, out)
		}
		loadBusy += load.ProcessState.UserTime() + load.ProcessState.SystemTime()
		s, err := parseWrk(out)
		if err != nil {
			b.Fatal(err)
		}
		if s.empty+s.failed+s.errors > 0 || s.claimed == 0 {
			b.Fatalf("every call should claim a ticket:\n%s", out)
		}
		// Calls still open when wrk stops may have claimed a ticket too;
		// closing the server waits for them.
		r.srvs[0].Close()
		held := 0
		for _, owner := range storetest.Owners(b, r.st) {
			if owner != "" {
				held++
			}
		}
		if held < s.claimed || held > s.claimed+clients {
			b.Fatalf("%d calls claimed a ticket, but %d tickets are held", s.claimed, held)
		}
		if claims := r.claimEvents(b); claims != held {
			b.Fatalf("%d tickets are held, but %d claims were recorded", held, claims)
		}
		claimed += s.claimed
		elapsed += s.duration
		busy += cpu
		p50, p99, worst = max(p50, s.p50), max(p99, s.p99), max(worst, s.max)
		b.StartTimer()
	}
	b.ReportMetric(float64(claimed)/elapsed.Seconds(), "claims/s")
	perClaim := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(claimed) }
	b.ReportMetric(perClaim(busy), "cpu-µs/claim")
	b.ReportMetric(perClaim(loadBusy), "wrk-cpu-µs/claim")
	// What the machine's processors could give at these costs, were the
	// server and wrk to keep every one of them busy: a bound no change of
	// scheduling, batching or locking can pass.
	b.ReportMetric(float64(runtime.NumCPU())*1e6/(perClaim(busy)+perClaim(loadBusy)), "cpu-bound-claims/s")
	b.ReportMetric(millis(p50), "p50-ms")
	b.ReportMetric(millis(p99), "p99-ms")
	b.ReportMetric(millis(worst), "max-ms")
}

// serverCPU is the processor time this process, which serves the race,
// has used so far.
func serverCPU(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// wrkSummary is the line testdata/claim-next.lua prints when wrk is done.
type wrkSummary struct {
	claimed, empty, failed, errors int
	duration, p50, p99, max        time.Duration
}

func parseWrk(out []byte) (wrkSummary, error) {
	var s wrkSummary
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(line, "claimed=") {
			continue
		}
		var duration, p50, p99, worst int64
		_, err := fmt.Sscanf(line, "claimed=%d empty=%d failed=%d errors=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d",
			&s.claimed, &s.empty, &s.failed, &s.errors, &duration, &p50, &p99, &worst)
		s.duration, s.p50, s.p99, s.max = micros(duration), micros(p50), micros(p99), micros(worst)
		return s, err
	}
	return s, fmt.Errorf("no summary in the output of wrk:\n%s", out)
}

// claimEvents counts the claims recorded in the race's store: the claimed
// events in the histories of all its tickets.
func (r *claimRace) claimEvents(b *testing.B) int {
	n := 0
	for _, id := range r.want {
		events, err := r.st.ListEvents(b.Context(), support.EntityTicket, id)
		if err != nil {
			b.Fatal(err)
		}
		for _, ev := range events {
			if ev.Kind == support.EventClaimed {
				n++
			}
		}
	}
	return n
}

func micros(n int64) time.Duration { return time.Duration(n) * time.Microsecond }
