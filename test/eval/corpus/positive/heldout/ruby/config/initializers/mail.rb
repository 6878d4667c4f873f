ENV["SENDGRID_API_KEY"] ||= "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"
ActionMailer::Base.smtp_settings = { user_name: "apikey", password: ENV["SENDGRID_API_KEY"], address: "smtp.sendgrid.net", port: 587 }
