package fakeserver

// The platform's unexported records, for TestExportKnowsEveryField.
type (
	AppForTest     = app
	ReleaseForTest = release
	PhasedForTest  = phased
)
