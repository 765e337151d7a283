package sla

import (
	"testing"
	"time"
)

func BenchmarkCompute20Events(b *testing.B) {
	s := regionSchedule(b, "apac-jp")
	at := func(day, hour int) time.Time { return time.Date(2026, 6, day, hour, 0, 0, 0, s.Location()) }
	in := Input{Plan: "premium", Policies: DefaultPolicies(), Schedule: s, Events: []Event{created(at(8, 9), "S2")}}
	for d := 8; len(in.Events) < 20; d++ {
		in.Events = append(in.Events,
			engineerReply(at(d, 10)), status(at(d, 10), "pending_customer"),
			customerReply(at(d, 15)), status(at(d, 15), "open"))
	}
	in.Events = in.Events[:20]
	now := at(15, 12)
	if len(Compute(in, now)) != 3 {
		b.Fatal("expected three clocks")
	}
	for b.Loop() {
		Compute(in, now)
	}
}

func BenchmarkAddBusiness5Days(b *testing.B) {
	s := regionSchedule(b, "americas-west")
	from := time.Date(2026, 6, 1, 10, 0, 0, 0, s.Location())
	for b.Loop() {
		s.AddBusiness(from, 45*time.Hour)
	}
}
