/*
 * W2's limit: the same work as the engine's RFM + ABC + segment × channel path, in plain C, compiled
 * with gcc -O3 on the machine that runs the bench. It is not part of the app; it says how far the
 * engine is from what this CPU can do on the same data (bench/w2c.ts runs it).
 *
 * Input (binary, little-endian): int32 rows, customers, channels, analysisDay, repeats; then the
 * columns customer (int32), day (int32), amount (float64), channel (int32), row by row.
 * Output (stdout, JSON): the median time of `repeats` runs and the results the bench compares with
 * the engine's: per segment customers/orders/revenue, per ABC class count/revenue, per matrix cell
 * customers/orders/revenue/repeat customers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEGMENTS 11 /* ten R rfm rules + "others" */
#define UNASSIGNED 0xffff

static const int RULES[10][6] = {
    {4, 5, 4, 5, 4, 5}, {2, 5, 3, 5, 3, 5}, {3, 5, 1, 3, 1, 3}, {4, 5, 1, 1, 1, 1}, {3, 4, 1, 1, 1, 1},
    {2, 3, 2, 3, 2, 3}, {2, 3, 1, 2, 1, 2}, {1, 2, 2, 5, 2, 5}, {1, 1, 4, 5, 4, 5}, {1, 2, 1, 2, 1, 2},
};

typedef struct {
  int32_t n, k, m, asOf;
  const int32_t *customer, *day, *channel;
  const double *amount;
} Tx;

typedef struct {
  int64_t segCustomers[SEGMENTS], segOrders[SEGMENTS];
  double segRevenue[SEGMENTS];
  int64_t abcCount[3];
  double abcRevenue[3];
  int32_t *cellCustomers, *cellOrders, *cellRepeat;
  double *cellRevenue;
} Result;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* k-th smallest of a[lo..hi] (inclusive), reordering that range: the part left of k stays ≤ a[k]. */
static double select_range(double *a, int lo, int hi, int k) {
  while (lo < hi) {
    double pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/* The smallest value of a[from..n) (after a selection left every value there ≥ those before). */
static double min_from(const double *a, int from, int n) {
  double m = a[from];
  for (int i = from + 1; i < n; i++)
    if (a[i] < m) m = a[i];
  return m;
}

/* Scores 1–5 as R rfm: the last interval [lower, upper) holding the value. Quantiles by one copy and
 * successive selections, each in the part right of the previous one. */
static void score(const double *values, int n, double *scratch, int reversed, uint8_t *out) {
  double lower[5], upper[5], mn = INFINITY, mx = -INFINITY;
  for (int j = 0; j < n; j++) {
    if (values[j] < mn) mn = values[j];
    if (values[j] > mx) mx = values[j];
  }
  lower[0] = mn;
  memcpy(scratch, values, sizeof(double) * n);
  int from = 0;
  for (int b = 1; b < 5; b++) {
    double index = 1 + (n - 1) * (b * (1.0 / 5));
    int lo = (int)floor(index);
    double qs = select_range(scratch, from, n - 1, lo - 1), q = qs;
    if (index > lo) {
      double next = min_from(scratch, lo, n);
      if (next != qs) {
        double h = index - lo;
        q = (1 - h) * qs + h * next;
      }
    }
    from = lo - 1;
    lower[b] = q + 1;
    upper[b - 1] = q + 1;
  }
  upper[4] = mx + 1;
  for (int j = 0; j < n; j++) {
    double v = values[j];
    uint8_t s = 0;
    for (int i = 4; i >= 0; i--)
      if (v >= lower[i] && v < upper[i]) {
        s = reversed ? 5 - i : i + 1;
        break;
      }
    out[j] = s;
  }
}

/* Orders idx (ascending indices) by value descending, stably: an LSD radix sort on the doubles' bits,
 * mapped so that unsigned order is descending value order, 16 bits a pass. */
static void radix_desc(int *idx, int n, const double *value) {
  uint64_t *key = malloc(sizeof(uint64_t) * n), *key2 = malloc(sizeof(uint64_t) * n);
  int *idx2 = malloc(sizeof(int) * n);
  uint32_t *count = malloc(sizeof(uint32_t) * 65536);
  for (int i = 0; i < n; i++) {
    uint64_t b;
    memcpy(&b, &value[idx[i]], 8);
    b = (b >> 63) ? ~b : b | 0x8000000000000000ull; /* ascending unsigned order of the values */
    key[i] = ~b;                                    /* descending */
  }
  for (int shift = 0; shift < 64; shift += 16) {
    memset(count, 0, sizeof(uint32_t) * 65536);
    for (int i = 0; i < n; i++) count[(key[i] >> shift) & 0xffff]++;
    uint32_t sum = 0;
    for (int d = 0; d < 65536; d++) {
      uint32_t c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (int i = 0; i < n; i++) {
      uint32_t at = count[(key[i] >> shift) & 0xffff]++;
      key2[at] = key[i];
      idx2[at] = idx[i];
    }
    uint64_t *tk = key;
    key = key2;
    key2 = tk;
    memcpy(idx, idx2, sizeof(int) * n);
  }
  free(key), free(key2), free(idx2), free(count);
}

static void run(const Tx *tx, Result *r) {
  int k = tx->k, m = tx->m;
  int32_t *last = malloc(sizeof(int32_t) * k), *orders = calloc(k, sizeof(int32_t));
  double *revenue = calloc(k, sizeof(double));
  for (int i = 0; i < tx->n; i++) {
    int d = tx->day[i];
    if (d > tx->asOf) continue;
    int c = tx->customer[i];
    if (orders[c] == 0 || d > last[c]) last[c] = d;
    orders[c]++;
    revenue[c] += tx->amount[i];
  }
  int present = 0;
  int *idx = malloc(sizeof(int) * k);
  for (int c = 0; c < k; c++)
    if (orders[c] > 0) idx[present++] = c;
  double *rv = malloc(sizeof(double) * present), *fv = malloc(sizeof(double) * present), *mv = malloc(sizeof(double) * present);
  double *scratch = malloc(sizeof(double) * present);
  for (int j = 0; j < present; j++) {
    int c = idx[j];
    rv[j] = tx->asOf - last[c];
    fv[j] = orders[c];
    mv[j] = revenue[c];
  }
  uint8_t *rs = malloc(present), *fs = malloc(present), *ms = malloc(present);
  score(rv, present, scratch, 1, rs);
  score(fv, present, scratch, 0, fs);
  score(mv, present, scratch, 0, ms);
  uint16_t *segment = malloc(sizeof(uint16_t) * k);
  for (int c = 0; c < k; c++) segment[c] = UNASSIGNED;
  memset(r->segCustomers, 0, sizeof r->segCustomers);
  memset(r->segOrders, 0, sizeof r->segOrders);
  memset(r->segRevenue, 0, sizeof r->segRevenue);
  for (int j = 0; j < present; j++) {
    int s = 10;
    for (int i = 0; i < 10; i++) {
      const int *q = RULES[i];
      if (rs[j] >= q[0] && rs[j] <= q[1] && fs[j] >= q[2] && fs[j] <= q[3] && ms[j] >= q[4] && ms[j] <= q[5]) {
        s = i;
        break;
      }
    }
    int c = idx[j];
    segment[c] = (uint16_t)s;
    r->segCustomers[s]++;
    r->segOrders[s] += orders[c];
    r->segRevenue[s] += revenue[c];
  }
  /* ABC over the customers with orders, highest revenue first (ties: lower index first). */
  radix_desc(idx, present, revenue);
  double positive = 0, before = 0;
  for (int j = 0; j < present; j++)
    if (revenue[idx[j]] > 0) positive += revenue[idx[j]];
  memset(r->abcCount, 0, sizeof r->abcCount);
  memset(r->abcRevenue, 0, sizeof r->abcRevenue);
  for (int j = 0; j < present; j++) {
    double v = revenue[idx[j]];
    int cls = 2;
    if (v > 0) {
      if (before < 0.8 * positive) cls = 0;
      else if (before < 0.95 * positive) cls = 1;
      before += v;
    }
    r->abcCount[cls]++;
    r->abcRevenue[cls] += v;
  }
  /* Segment × channel in one pass: channels per customer as bit sets. */
  int cells = SEGMENTS * m;
  memset(r->cellCustomers, 0, sizeof(int32_t) * cells);
  memset(r->cellOrders, 0, sizeof(int32_t) * cells);
  memset(r->cellRepeat, 0, sizeof(int32_t) * cells);
  memset(r->cellRevenue, 0, sizeof(double) * cells);
  uint32_t *bits = calloc(2 * (size_t)k, sizeof(uint32_t));
  for (int i = 0; i < tx->n; i++) {
    if (tx->day[i] > tx->asOf) continue;
    int c = tx->customer[i], s = segment[c];
    if (s == UNASSIGNED) continue;
    int ch = tx->channel[i];
    uint32_t bit = 1u << ch, seen = bits[2 * c];
    bits[2 * c + 1] |= seen & bit;
    bits[2 * c] = seen | bit;
    r->cellOrders[s * m + ch]++;
    r->cellRevenue[s * m + ch] += tx->amount[i];
  }
  for (int c = 0; c < k; c++) {
    if (segment[c] == UNASSIGNED) continue;
    for (uint32_t seen = bits[2 * c]; seen; seen &= seen - 1) r->cellCustomers[segment[c] * m + __builtin_ctz(seen)]++;
    for (uint32_t rep = bits[2 * c + 1]; rep; rep &= rep - 1) r->cellRepeat[segment[c] * m + __builtin_ctz(rep)]++;
  }
  free(bits), free(segment), free(rs), free(fs), free(ms), free(scratch), free(rv), free(fv), free(mv), free(idx);
  free(last), free(orders), free(revenue);
}

static int cmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  int32_t head[5];
  if (fread(head, sizeof(int32_t), 5, f) != 5) return 2;
  Tx tx = {head[0], head[1], head[2], head[3], 0, 0, 0, 0};
  int repeats = head[4], n = tx.n;
  int32_t *customer = malloc(sizeof(int32_t) * n), *day = malloc(sizeof(int32_t) * n), *channel = malloc(sizeof(int32_t) * n);
  double *amount = malloc(sizeof(double) * n);
  if (fread(customer, 4, n, f) != (size_t)n || fread(day, 4, n, f) != (size_t)n || fread(amount, 8, n, f) != (size_t)n || fread(channel, 4, n, f) != (size_t)n) return 2;
  fclose(f);
  tx.customer = customer, tx.day = day, tx.amount = amount, tx.channel = channel;
  Result r;
  int cells = SEGMENTS * tx.m;
  r.cellCustomers = malloc(sizeof(int32_t) * cells), r.cellOrders = malloc(sizeof(int32_t) * cells), r.cellRepeat = malloc(sizeof(int32_t) * cells);
  r.cellRevenue = malloc(sizeof(double) * cells);
  double *times = malloc(sizeof(double) * repeats);
  run(&tx, &r); /* warm-up */
  for (int i = 0; i < repeats; i++) {
    double t = now_ms();
    run(&tx, &r);
    times[i] = now_ms() - t;
  }
  qsort(times, repeats, sizeof(double), cmpDouble);
  printf("{\"median_ms\":%.3f,\"segments\":[", repeats % 2 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2);
  for (int s = 0; s < SEGMENTS; s++) printf("%s[%lld,%lld,%.0f]", s ? "," : "", (long long)r.segCustomers[s], (long long)r.segOrders[s], round(r.segRevenue[s] * 100));
  printf("],\"abc\":[");
  for (int c = 0; c < 3; c++) printf("%s[%lld,%.0f]", c ? "," : "", (long long)r.abcCount[c], round(r.abcRevenue[c] * 100));
  printf("],\"cells\":[");
  for (int i = 0; i < cells; i++) printf("%s[%d,%d,%.0f,%d]", i ? "," : "", r.cellCustomers[i], r.cellOrders[i], round(r.cellRevenue[i] * 100), r.cellRepeat[i]);
  printf("]}\n");
  return 0;
}
