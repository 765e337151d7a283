package demo

import "github.com/supctl/supctl/pkg/support"

// The demo's sign-in user and its administrator.
const (
	DemoUser  = "ken@example.com"
	AdminUser = "admin@example.com"
)

// contact is someone who files tickets: a customer's or partner's staff
// member, or a sales engineer. weight sets how often they write in; user
// marks a partner contact who also signs in.
type contact struct {
	name, email, lang string
	weight            int
	user              bool
}

// org is a customer or partner organisation with its contacts. partner
// names the reseller that serves a customer, by its account name.
type org struct {
	name, kind, plan, region string
	partner                  string
	contacts                 []contact
}

// Partners come first: customers refer to them by name.
var orgs = []org{
	{name: "株式会社さくらインテグレーション", kind: "partner", plan: "premium", region: "apac-jp", contacts: []contact{
		{"森 武", "takeshi.mori@sakura-integration.co.jp", "ja", 2, true},
		{"中村 彩", "aya.nakamura@sakura-integration.co.jp", "ja", 1, false},
	}},
	{name: "코리아데이터솔루션 주식회사", kind: "partner", plan: "premium", region: "apac-kr", contacts: []contact{
		{"최현우", "hyunwoo.choi@kdsolution.co.kr", "ko", 2, true},
		{"정다은", "daeun.jung@kdsolution.co.kr", "ko", 1, false},
	}},
	{name: "Rheinland IT Services GmbH", kind: "partner", plan: "standard", region: "emea-de", contacts: []contact{
		{"Stefan Krüger", "stefan.krueger@rheinland-it.de", "en", 1, false},
	}},

	{name: "Pacific Crest Bank", kind: "customer", plan: "premium", region: "americas-west", contacts: []contact{
		{"Jennifer Alvarez", "jennifer.alvarez@pacificcrestbank.com", "en", 3, false},
		{"Ryan Patel", "ryan.patel@pacificcrestbank.com", "en", 3, false},
		{"高橋 美咲", "misaki.takahashi@pacificcrestbank.com", "ja", 1, false},
	}},
	{name: "Sierra Logistics Inc.", kind: "customer", plan: "standard", region: "americas-west", contacts: []contact{
		{"Kevin O'Brien", "kevin.obrien@sierralogistics.com", "en", 1, false},
		{"Amanda Chen", "amanda.chen@sierralogistics.com", "en", 1, false},
	}},
	{name: "Keystone Health Systems", kind: "customer", plan: "premium", region: "americas-east", contacts: []contact{
		{"Robert Sullivan", "robert.sullivan@keystonehealth.org", "en", 1, false},
		{"Maria Gonzalez", "maria.gonzalez@keystonehealth.org", "en", 1, false},
	}},
	{name: "Atlantic Retail Group", kind: "customer", plan: "standard", region: "americas-east", contacts: []contact{
		{"Chris Donovan", "chris.donovan@atlanticretail.com", "en", 3, false},
		{"Nicole Foster", "nicole.foster@atlanticretail.com", "en", 3, false},
		{"박지현", "jihyun.park@atlanticretail.com", "ko", 1, false},
	}},
	{name: "Nordwerk Automotive AG", kind: "customer", plan: "premium", region: "emea-de", contacts: []contact{
		{"Thomas Müller", "thomas.mueller@nordwerk.de", "en", 1, false},
		{"Sabine Schneider", "sabine.schneider@nordwerk.de", "en", 1, false},
	}},
	{name: "Hanse Versicherung AG", kind: "customer", plan: "standard", region: "emea-de", partner: "Rheinland IT Services GmbH", contacts: []contact{
		{"Frank Wagner", "frank.wagner@hanse-versicherung.de", "en", 1, false},
		{"Julia Koch", "julia.koch@hanse-versicherung.de", "en", 1, false},
	}},
	{name: "Deccan Telecom Ltd.", kind: "customer", plan: "premium", region: "apac-in", contacts: []contact{
		{"Suresh Kumar", "suresh.kumar@deccantelecom.in", "en", 1, false},
		{"Ananya Rao", "ananya.rao@deccantelecom.in", "en", 1, false},
	}},
	{name: "Bharat Payments Pvt. Ltd.", kind: "customer", plan: "standard", region: "apac-in", contacts: []contact{
		{"Rohit Verma", "rohit.verma@bharatpay.in", "en", 3, false},
		{"Neha Gupta", "neha.gupta@bharatpay.in", "en", 3, false},
		{"田村 翔", "sho.tamura@bharatpay.in", "ja", 1, false},
	}},
	{name: "株式会社 東洋データシステムズ", kind: "customer", plan: "premium", region: "apac-jp", contacts: []contact{
		{"山田 太郎", "taro.yamada@toyo-data.co.jp", "ja", 4, false},
		{"佐々木 恵", "megumi.sasaki@toyo-data.co.jp", "ja", 4, false},
		{"David Miller", "david.miller@toyo-data.co.jp", "en", 1, false},
	}},
	{name: "みらい証券株式会社", kind: "customer", plan: "premium", region: "apac-jp", partner: "株式会社さくらインテグレーション", contacts: []contact{
		{"小林 誠", "makoto.kobayashi@mirai-sec.co.jp", "ja", 1, false},
		{"伊藤 さくら", "sakura.ito@mirai-sec.co.jp", "ja", 1, false},
	}},
	{name: "北斗物流株式会社", kind: "customer", plan: "standard", region: "apac-jp", partner: "株式会社さくらインテグレーション", contacts: []contact{
		{"加藤 大輔", "daisuke.kato@hokuto-logi.co.jp", "ja", 1, false},
		{"吉田 直子", "naoko.yoshida@hokuto-logi.co.jp", "ja", 1, false},
	}},
	{name: "한빛데이터 주식회사", kind: "customer", plan: "premium", region: "apac-kr", contacts: []contact{
		{"김민수", "minsu.kim@hanbitdata.co.kr", "ko", 4, false},
		{"이지은", "jieun.lee@hanbitdata.co.kr", "ko", 4, false},
		{"James Park", "james.park@hanbitdata.co.kr", "en", 1, false},
	}},
	{name: "서울모바일 주식회사", kind: "customer", plan: "standard", region: "apac-kr", partner: "코리아데이터솔루션 주식회사", contacts: []contact{
		{"윤성호", "sungho.yoon@seoulmobile.co.kr", "ko", 1, false},
		{"장미영", "miyoung.jang@seoulmobile.co.kr", "ko", 1, false},
	}},
}

// salesEngineers file internal requests, one per region.
var salesEngineers = map[string]contact{
	"americas-west": {"Brian Hughes", "brian.hughes@example.com", "en", 1, false},
	"americas-east": {"Megan Clark", "megan.clark@example.com", "en", 1, false},
	"emea-de":       {"Anika Schulz", "anika.schulz@example.com", "en", 1, false},
	"apac-in":       {"Vikram Patel", "vikram.patel@example.com", "en", 1, false},
	"apac-jp":       {"伊藤 健二", "kenji.ito@example.com", "ja", 1, false},
	"apac-kr":       {"한지수", "jisoo.han@example.com", "ko", 1, false},
}

// staff signs in to work tickets. The admin comes first: it creates the rest.
// Engineers and leads take tickets in the languages of their region; a few
// frontline engineers only in two divisions, with a colleague in their
// region who takes the other two.
var staff = withRegionLanguages([]support.User{
	{Email: AdminUser, Name: "Alex Morgan", Role: "admin", Region: "americas-west", Tier: "frontline"},
	{Email: DemoUser, Name: "Ken Sato", Role: "engineer", Region: "apac-jp", Tier: "frontline"},
	{Email: "yuki.tanaka@example.com", Name: "Yuki Tanaka", Role: "engineer", Region: "apac-jp", Tier: "frontline", Divisions: []string{"sql", "spark"}},
	{Email: "haruto.suzuki@example.com", Name: "Haruto Suzuki", Role: "engineer", Region: "apac-jp", Tier: "frontline"},
	{Email: "akira.watanabe@example.com", Name: "Akira Watanabe", Role: "engineer", Region: "apac-jp", Tier: "backline"},
	{Email: "minjun.kim@example.com", Name: "Minjun Kim", Role: "engineer", Region: "apac-kr", Tier: "frontline", Divisions: []string{"core", "yarn"}},
	{Email: "jiwoo.park@example.com", Name: "Jiwoo Park", Role: "engineer", Region: "apac-kr", Tier: "frontline"},
	{Email: "seoyeon.lee@example.com", Name: "Seoyeon Lee", Role: "engineer", Region: "apac-kr", Tier: "backline"},
	{Email: "priya.sharma@example.com", Name: "Priya Sharma", Role: "engineer", Region: "apac-in", Tier: "frontline"},
	{Email: "arjun.reddy@example.com", Name: "Arjun Reddy", Role: "engineer", Region: "apac-in", Tier: "frontline", Divisions: []string{"sql", "spark"}},
	{Email: "venkat.raman@example.com", Name: "Venkat Raman", Role: "engineer", Region: "apac-in", Tier: "backline"},
	{Email: "jonas.becker@example.com", Name: "Jonas Becker", Role: "engineer", Region: "emea-de", Tier: "frontline"},
	{Email: "lena.hoffmann@example.com", Name: "Lena Hoffmann", Role: "engineer", Region: "emea-de", Tier: "frontline", Divisions: []string{"core", "yarn"}},
	{Email: "markus.weber@example.com", Name: "Markus Weber", Role: "engineer", Region: "emea-de", Tier: "backline"},
	{Email: "james.mitchell@example.com", Name: "James Mitchell", Role: "engineer", Region: "americas-east", Tier: "frontline"},
	{Email: "sarah.coleman@example.com", Name: "Sarah Coleman", Role: "engineer", Region: "americas-east", Tier: "frontline", Divisions: []string{"sql", "spark"}},
	{Email: "laura.bennett@example.com", Name: "Laura Bennett", Role: "engineer", Region: "americas-east", Tier: "backline"},
	{Email: "emily.carter@example.com", Name: "Emily Carter", Role: "engineer", Region: "americas-west", Tier: "frontline", Divisions: []string{"core", "yarn"}},
	{Email: "daniel.nguyen@example.com", Name: "Daniel Nguyen", Role: "engineer", Region: "americas-west", Tier: "frontline"},
	{Email: "michael.torres@example.com", Name: "Michael Torres", Role: "engineer", Region: "americas-west", Tier: "backline"},
	{Email: "hiroshi.yamamoto@example.com", Name: "Hiroshi Yamamoto", Role: "lead", Region: "apac-jp", Tier: "backline"},
	{Email: "karen.walsh@example.com", Name: "Karen Walsh", Role: "lead", Region: "americas-west", Tier: "backline"},
	{Email: "viewer@example.com", Name: "Dana Brooks", Role: "readonly", Region: "americas-east", Tier: "frontline"},
})

// regionLanguages are the languages a region's engineers work in besides
// English.
var regionLanguages = map[string]string{"apac-jp": "ja", "apac-kr": "ko"}

// worksQueues tells the engineers and leads, who take tickets from the
// queues, from the others; the admin may, but does not.
func worksQueues(u support.User) bool {
	return u.Can(support.TakeTickets) && !u.Can(support.ManageUsers)
}

// individual tells an engineer, who holds only their own tickets, from a
// lead or the admin.
func individual(u support.User) bool {
	return u.Can(support.TakeTickets) && !u.Can(support.TakeOthersWork)
}

// withRegionLanguages gives the engineers and leads among users English and
// their region's language as skills.
func withRegionLanguages(users []support.User) []support.User {
	for i, u := range users {
		if !worksQueues(u) {
			continue
		}
		users[i].Languages = []string{"en"}
		if l, ok := regionLanguages[u.Region]; ok {
			users[i].Languages = append(users[i].Languages, l)
		}
	}
	return users
}
