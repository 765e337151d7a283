package demo

// topic is a kind of problem a division sees, told in every language. In
// its texts {c} stands for the component (a volume, table, job, node ...),
// {ts} for a log timestamp shortly before the ticket was filed and {day}
// for the day it was filed.
type topic struct {
	components []string
	tags       []string
	// question marks a request for information rather than a fault.
	question bool
	// versioned marks components that are the release the customer runs.
	versioned bool
	subject   text
	body      text
	log       string
	fix       text
}

// topics lists what each division's customers write in about.
var topics = map[string][]topic{
	"core":  coreTopics,
	"sql":   sqlTopics,
	"yarn":  yarnTopics,
	"spark": sparkTopics,
}
