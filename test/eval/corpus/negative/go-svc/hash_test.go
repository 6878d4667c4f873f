package svc

import "testing"

func TestDigest(t *testing.T) {
	cases := map[string]string{
		"":      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"hello": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
	}
	for in, want := range cases {
		if got := Digest(in); got != want {
			t.Fatalf("Digest(%q) = %s, want %s", in, got, want)
		}
	}
}
