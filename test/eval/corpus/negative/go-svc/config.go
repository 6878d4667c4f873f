package svc

import (
	"errors"
	"os"
)

type Config struct {
	APIKey      string
	DatabaseURL string
	SecretKey   string
}

func Load() (*Config, error) {
	cfg := &Config{
		APIKey:      os.Getenv("API_KEY"),
		DatabaseURL: os.Getenv("DATABASE_URL"),
		SecretKey:   os.Getenv("SECRET_KEY"),
	}
	if cfg.APIKey == "" {
		return nil, errors.New("API_KEY is required")
	}
	return cfg, nil
}
