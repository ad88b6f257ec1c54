"""Internal control (internkontroll): a control plan, reproducible stratified samples of cases from the store,
results recorded per case, and the share without remarks with a Wilson confidence interval."""
