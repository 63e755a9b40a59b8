#!/usr/bin/Rscript
# ComBat with three centres and known batch effects, for the C++ ComBat test. Run once from this folder:
#   Rscript make_combat_three_centres_r.R   -> combat_three_centres.csv
# Input: the first 90 patients of cohort.csv, 6 of the 12 predictors, centres A/B/C in turn; centre B
# gets +1 SD added, centre C its deviations from the feature mean doubled (a location and a scale
# effect). Output: the input (prefix in_) and sva::ComBat(par.prior = TRUE, mod = NULL) of it (out_).
suppressMessages(library(sva))
d <- read.csv("cohort.csv", stringsAsFactors = FALSE)[1:90, ]
features <- c("deep_1", "deep_2", "deep_3", "deep_4", "radscore_tumour", "radscore_ring")
x <- as.matrix(d[, features])
centre <- rep(c("A", "B", "C"), 30)
for (j in seq_along(features)) {
  s <- sd(x[, j]); m <- mean(x[, j])
  x[centre == "B", j] <- x[centre == "B", j] + s
  x[centre == "C", j] <- m + 2 * (x[centre == "C", j] - m)
}
harmonised <- t(ComBat(dat = t(x), batch = centre, mod = NULL, par.prior = TRUE))
colnames(x) <- paste0("in_", features)
colnames(harmonised) <- paste0("out_", features)
exact <- function(m) apply(m, 2, function(v) sprintf("%.17g", v))
out <- data.frame(id = d$id, centre = centre, exact(x), exact(harmonised))
write.csv(out, "combat_three_centres.csv", row.names = FALSE, quote = FALSE)
cat("sva", as.character(packageVersion("sva")), R.version.string, "\n")
