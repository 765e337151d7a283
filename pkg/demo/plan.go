package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// The shape of the data set: one new and one open unassigned ticket in
// every region × division, so every queue has work, plus extraTickets
// drawn by the weights below.
const (
	extraTickets = 290
	demoUserLoad = 10 // tickets the demo user keeps
	historySpan  = 45 * 24 * time.Hour
)

var (
	regionWeights   = []int{16, 14, 13, 12, 27, 18}  // in support.Regions order
	divisionWeights = []int{30, 25, 20, 25}          // in support.Divisions order
	statusWeights   = []int{7, 18, 14, 8, 5, 16, 32} // in support.Statuses order
	channelWeights  = []int{55, 30, 12, 3}           // in support.Channels order
	faultSeverity   = []int{8, 27, 50, 15}           // S1..S4 of a fault
	questionSev     = []int{0, 0, 30, 70}            // S1..S4 of a question

	// ageHours bounds how long ago a ticket in each status was opened, so
	// that its history fits before now.
	ageHours = map[string][2]int{
		"new":                 {1, 30},
		"open":                {3, 240},
		"pending_customer":    {24, 336},
		"pending_engineering": {72, 720},
		"on_hold":             {72, 720},
		"solved":              {24, 480},
		"closed":              {120, 1068},
	}
	// firstResponse bounds the time to the first reply, by severity rank.
	firstResponse = [][2]time.Duration{
		{10 * time.Minute, 40 * time.Minute},
		{30 * time.Minute, 3 * time.Hour},
		{time.Hour, 8 * time.Hour},
		{2 * time.Hour, 20 * time.Hour},
	}

	productVersions = []string{"7.3.0", "7.4.1", "7.4.1", "7.5.0", "7.5.0", "7.6.0"}
	environments    = []string{
		"RHEL 8.8, 12-node cluster, Kerberos",
		"RHEL 7.9, 40-node cluster, MapR-SASL",
		"Rocky Linux 8.6, 120-node cluster, Kerberos, ResourceManager HA",
		"Ubuntu 20.04, 8-node cluster",
		"SLES 15 SP4, 24-node cluster, Kerberos",
		"RHEL 9.2, 6-node development cluster",
		"Oracle Linux 8.7, 64-node cluster, Kerberos, DR mirror cluster",
		"AWS EC2 m5.4xlarge, 16 nodes, MapR-SASL",
	}
)

// step is one change made to a ticket after it was opened.
type step struct {
	after   time.Duration
	actor   string // email of the user making the change
	comment *support.NewComment
	patch   *support.TicketPatch
}

// ticketPlan is one ticket and its history.
type ticketPlan struct {
	created time.Time
	actor   string
	ticket  support.NewTicket
	steps   []step
}

// requester is who files a ticket, and the user that acts for them.
type requester struct {
	kind      string
	who       contact
	org       string
	accountID int64
	actor     string
}

// planner draws the tickets from one seeded random source; the same now
// gives the same plans.
type planner struct {
	r        *rand.Rand
	now      time.Time
	accounts map[string]int64 // by account name
	kenLeft  int
}

func newPlanner(now time.Time, accounts map[string]int64) *planner {
	return &planner{r: rand.New(rand.NewPCG(0x5ec7, 0xdeb0)), now: now, accounts: accounts, kenLeft: demoUserLoad}
}

// plans returns every ticket in the order they were opened.
func (p *planner) plans() []ticketPlan {
	var out []ticketPlan
	for _, region := range support.Regions.Values() {
		for _, division := range support.Divisions.Values() {
			out = append(out, p.ticket(region, division, "new", true), p.ticket(region, division, "open", true))
		}
	}
	for range extraTickets {
		region := support.Regions.Choices[weighted(p.r, regionWeights)].Value
		division := support.Divisions.Choices[weighted(p.r, divisionWeights)].Value
		status := support.Statuses.Choices[weighted(p.r, statusWeights)].Value
		unassigned := status == "new" || (status == "open" && chance(p.r, 0.2))
		out = append(out, p.ticket(region, division, status, unassigned))
	}
	slices.SortStableFunc(out, func(a, b ticketPlan) int { return a.created.Compare(b.created) })
	return out
}

func (p *planner) ticket(region, division, status string, unassigned bool) ticketPlan {
	req := p.requester(region)
	lang := req.who.lang
	tp := pick(p.r, topics[division])
	sevWeights := faultSeverity
	if tp.question {
		sevWeights = questionSev
	}
	rank := weighted(p.r, sevWeights)
	age := ageHours[status]
	created := p.now.Add(-time.Duration(age[0]*60+p.r.IntN((age[1]-age[0])*60+1)) * time.Minute)
	v := vars{
		c:    pick(p.r, tp.components),
		ts:   created.Add(-time.Duration(600_000+p.r.IntN(10_200_000)) * time.Millisecond).Format("2006-01-02 15:04:05,000"),
		day:  created.Format("2006-01-02"),
		req:  req.who.name,
		org:  req.org,
		dev:  fmt.Sprintf("DEV-%d", 3000+p.r.IntN(7000)),
		n:    fmt.Sprint(10000 + p.r.IntN(90000)),
		time: created.Add(time.Duration(1+p.r.IntN(6)) * time.Hour).Format("15:04"),
		date: created.Add(time.Duration(7+p.r.IntN(8)) * 24 * time.Hour).Format("2006-01-02"),
	}
	v.fix = v.fill(tp.fix.in(lang))
	subject := v.fill(tp.subject.in(lang))
	tags := slices.Clone(tp.tags)
	switch {
	case req.kind == "internal":
		subject = pocPrefix + subject
		tags = append(tags, "poc")
	case req.kind == "partner":
		tags = append(tags, "partner")
	}
	if rank == 0 {
		tags = append(tags, "outage")
	}
	env, version := pick(p.r, environments), pick(p.r, productVersions)
	if tp.versioned {
		version = v.c
	}
	description := v.fill(greeting.in(lang) + tp.body.in(lang) + "\n\n" +
		labelEnv.in(lang) + ": " + env + "\n" + labelVer.in(lang) + ": " + version + "\n\n" +
		labelLog.in(lang) + "\n```\n" + tp.log + "\n```\n\n" + urgency[rank].in(lang) + "\n\n" + signature.in(lang))

	escalate := status == "pending_engineering" ||
		(!unassigned && status != "new" && status != "pending_customer" && chance(p.r, 0.15))
	tl := &timeline{r: p.r, lang: lang, v: v}
	front := p.frontline(region, division, lang, !unassigned && !escalate && status != "new")
	tl.play(status, rank, unassigned, escalate, req, front, backline(region))
	fit(tl.steps, p.now.Sub(created)-time.Minute)
	return ticketPlan{
		created: created,
		actor:   req.actor,
		steps:   tl.steps,
		ticket: support.NewTicket{
			Subject:        subject,
			Description:    description,
			Severity:       support.Severities.Choices[rank].Value,
			Division:       division,
			Region:         region,
			Language:       lang,
			Channel:        support.Channels.Choices[weighted(p.r, channelWeights)].Value,
			RequesterKind:  req.kind,
			RequesterName:  req.who.name,
			RequesterEmail: req.who.email,
			AccountID:      req.accountID,
			ProductVersion: version,
			Environment:    env,
			Tags:           tags,
		},
	}
}

// requester picks who files a ticket in region: now and then a sales
// engineer, otherwise a customer's contact or the contact of the partner
// that serves the customer.
func (p *planner) requester(region string) requester {
	if chance(p.r, 0.08) {
		se := salesEngineers[region]
		return requester{kind: "internal", who: se, org: internalOrg.in(se.lang), actor: AdminUser}
	}
	var customers []org
	for _, o := range orgs {
		if o.kind == "customer" && o.region == region {
			customers = append(customers, o)
		}
	}
	customer := pick(p.r, customers)
	kind, from := "customer", customer
	if customer.partner != "" && chance(p.r, 0.4) {
		kind = "partner"
		from = orgs[slices.IndexFunc(orgs, func(o org) bool { return o.name == customer.partner })]
	}
	weights := make([]int, len(from.contacts))
	for i, c := range from.contacts {
		weights[i] = c.weight
	}
	c := from.contacts[weighted(p.r, weights)]
	actor := AdminUser
	if c.user {
		actor = c.email
	}
	return requester{kind: kind, who: c, org: from.name, accountID: p.accounts[customer.name], actor: actor}
}

// frontline picks the engineer who first takes a ticket in region: one
// whose skills cover its division and language, or, when nobody in the
// region speaks the language, one who covers the division. keeps says the
// ticket stays theirs, which counts against the demo user's load.
func (p *planner) frontline(region, division, lang string, keeps bool) support.User {
	var skilled, divisional []support.User
	for _, u := range staff {
		full := keeps && u.Email == DemoUser && p.kenLeft == 0
		if !individual(u) || u.Tier != "frontline" || u.Region != region || full ||
			len(u.Divisions) > 0 && !slices.Contains(u.Divisions, division) {
			continue
		}
		divisional = append(divisional, u)
		if u.Takes(division, lang) {
			skilled = append(skilled, u)
		}
	}
	pool := skilled
	if len(pool) == 0 {
		pool = divisional
	}
	u := pick(p.r, pool)
	if keeps && u.Email == DemoUser {
		p.kenLeft--
	}
	return u
}

// backline is the region's backline engineer.
func backline(region string) support.User {
	i := slices.IndexFunc(staff, func(u support.User) bool {
		return individual(u) && u.Tier == "backline" && u.Region == region
	})
	return staff[i]
}

// fit compresses a history that would run past window into it, keeping
// the order and proportions of its steps.
func fit(steps []step, window time.Duration) {
	n := len(steps)
	if n == 0 || steps[n-1].after <= window {
		return
	}
	f := float64(window) / float64(steps[n-1].after)
	for i := range steps {
		steps[i].after = time.Duration(float64(steps[i].after) * f)
	}
}

// vars are the values a ticket's texts are filled with.
type vars struct{ c, ts, day, req, org, eng, fix, dev, n, time, date string }

func (v vars) fill(s string) string {
	return strings.NewReplacer(
		"{c}", v.c, "{ts}", v.ts, "{day}", v.day, "{req}", v.req, "{org}", v.org, "{eng}", v.eng,
		"{fix}", v.fix, "{dev}", v.dev, "{n}", v.n, "{time}", v.time, "{date}", v.date,
	).Replace(s)
}
