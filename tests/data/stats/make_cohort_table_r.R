#!/usr/bin/Rscript
# Reference numbers for the multi-cohort Table 1 and for Holm's correction. Run once from this folder:
#   Rscript make_cohort_table_r.R   -> cohort_table_r.csv (name,value)
# Cohorts of cohort.csv by row (1-based): training 1-220, internal test 221-310, external 311-355,
# and a small external cohort 341-355 whose sparse tables need Fisher's exact test.
d <- read.csv("cohort.csv", stringsAsFactors = FALSE)
out <- list()
put <- function(name, value) out[[name]] <<- value
put("versions.R", R.version.string)

cohorts <- list(training = 1:220, test = 221:310, external = 311:355, small = 341:355)
d$rare <- ifelse(d$label_rare == 1, "yes", "no")

# Mann-Whitney U (wilcox.test, normal approximation with tie and continuity correction) and the
# summaries Table 1 prints (mean, sample SD, type-7 quartiles).
for (name in names(cohorts)) {
  x <- d$deep_1[cohorts[[name]]]
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7)
  put(paste0("deep_1.", name, ".mean"), mean(x)); put(paste0("deep_1.", name, ".sd"), sd(x))
  put(paste0("deep_1.", name, ".q1"), q[[1]]); put(paste0("deep_1.", name, ".median"), q[[2]])
  put(paste0("deep_1.", name, ".q3"), q[[3]])
  if (name != "training")
    put(paste0("deep_1.training_vs_", name, ".p"),
        wilcox.test(d$deep_1[cohorts$training], x, exact = FALSE, correct = TRUE)$p.value)
}

# Categorical: chi-square (Yates for 2 x 2, R's default) unless an expected count is below 5,
# then Fisher's exact test (fisher.test: exact for 2 x 2 and for r x 2 by the network algorithm).
for (variable in c("sex", "stage", "rare")) for (name in setdiff(names(cohorts), "training")) {
  rows <- c(cohorts$training, cohorts[[name]])
  group <- factor(c(rep("training", length(cohorts$training)), rep(name, length(cohorts[[name]]))))
  tab <- table(d[[variable]][rows], group)
  tab <- tab[rowSums(tab) > 0, , drop = FALSE]
  expected <- outer(rowSums(tab), colSums(tab)) / sum(tab)
  key <- paste0(variable, ".training_vs_", name)
  if (any(expected < 5)) {
    put(paste0(key, ".test"), "fisher"); put(paste0(key, ".p"), fisher.test(tab)$p.value)
  } else {
    put(paste0(key, ".test"), "chi-square"); put(paste0(key, ".p"), chisq.test(tab)$p.value)
  }
}

# Fisher's exact test of r x 2 tables (also 2 x c, transposed), checked on its own.
tables <- list(
  r3 = matrix(c(3, 1, 0, 9, 5, 4), 3),
  r4 = matrix(c(150, 60, 70, 2, 20, 10, 8, 4), 4),
  r5 = matrix(c(12, 0, 3, 7, 1, 2, 9, 0, 4, 11), 5),
  wide = matrix(c(1, 4, 6, 2, 0, 5), 2)
)
for (name in names(tables)) put(paste0("fisher.", name, ".p"), fisher.test(tables[[name]])$p.value)

# Holm's step-down correction (p.adjust) of 30 p-values: 10 endpoints x 3 paired DeLong tests.
set.seed(14)
p <- c(runif(20), 10^-runif(10, 1, 5))
p[7] <- p[3]  # a tie
for (i in seq_along(p)) put(sprintf("holm.raw.%02d", i), p[i])
adjusted <- p.adjust(p, method = "holm")
for (i in seq_along(p)) put(sprintf("holm.adjusted.%02d", i), adjusted[i])

values <- vapply(out, function(v) if (is.character(v)) v else sprintf("%.17g", v), "")
write.csv(data.frame(name = names(values), value = unname(values)), "cohort_table_r.csv", row.names = FALSE,
          quote = FALSE)
