ENV["SENDGRID_API_KEY"] ||= "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"
ActionMailer::Base.smtp_settings = { user_name: "apikey", password: ENV["SENDGRID_API_KEY"], address: "smtp.sendgrid.net", port: 587 }
