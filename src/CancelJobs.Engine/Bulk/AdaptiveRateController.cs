using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>
    /// Client-side rate control for one (endpoint, region, access key id, operation), learned from the service's
    /// answers. It starts unthrottled. A throttle cuts the send rate to just under what the service actually accepted
    /// lately (measured from the spacing of successes, and never above the rate that was just refused), then a cubic
    /// curve climbs back: quickly at first, flat around the accepted rate (at low rates for about a dozen requests), then probing
    /// above it, so a raised quota is found again and a lowered one is met within a round trip or two. Only one cut
    /// is made per round: throttles of requests sent before the last cut are answers to the old rate.
    /// Throttles that are not a quota (a share of requests refused whatever the rate) are told apart: from the
    /// unthrottled state a cut needs most recent answers to be throttles, and after a cut, when the share of
    /// throttles did not fall with the rate, the cut is undone and that share is taken as background noise that
    /// later decisions discount.
    /// Sends leave in ticket order, spaced at the rate in force when each leaves; a request sent again after a
    /// throttle keeps its first ticket, so the oldest throttled request goes first and none starves.
    /// See docs/DESIGN-NOTES.md ("Rate control and retries") for why this shape.
    /// </summary>
    public sealed class AdaptiveRateController
    {
        /// <summary>After a cut the rate restarts at this fraction of the accepted rate.</summary>
        public const double CutFactor = 0.9;

        /// <summary>Cubic growth constant in requests/s per s³ (the published CUBIC limiter's value), for rates of a few per second and up.</summary>
        public const double Growth = 0.4;

        /// <summary>At 1 request/s the climb back to the accepted rate takes at least this many requests (K ≥ 12 / peak^1.5 s, at most 20 s).</summary>
        public const double MinimumClimbRequests = 12;

        /// <summary>How far back successes count towards the accepted rate (longer at low rates: at least 12 requests' worth).</summary>
        public static readonly TimeSpan AcceptedWindow = TimeSpan.FromSeconds(2);

        /// <summary>Answers per window compared to tell a quota (throttles fall with the rate) from noise (they do not).</summary>
        public const int JudgedAnswers = 20;

        private const int RecentAnswers = 20;
        private const int MeasuredSuccesses = 24;
        private const int RememberedWindows = 8;
        private const double LongestClimbSeconds = 20;
        private const double MinimumRate = 0.05;
        private const int MaxRememberedSuccesses = 8192;
        private const double MinimumWaitSeconds = 0.001;
        private const double MaximumWaitSeconds = 0.2;
        private const double MaximumHeadWaitSeconds = 1.0;

        private readonly Func<double> now;
        private readonly object gate = new object();
        private readonly Queue<double> successes = new Queue<double>();
        private readonly Queue<bool> recent = new Queue<bool>();
        private readonly SortedSet<long> waiting = new SortedSet<long>();
        private double acceptedPeak;
        private double cutAt = double.NegativeInfinity;
        private double cutK;
        private double growth = Growth;
        private bool unthrottled = true;
        private long nextTicket;
        private double lastReleaseAt = double.NegativeInfinity;
        private double lastSuccessSentAt = double.NegativeInfinity;
        private double lastThrottleAt = double.NegativeInfinity;
        private long throttles;
        private long cuts;

        // Telling a quota from noise: answers are judged in windows of JudgedAnswers.
        private double noise;
        private int answersSinceCut;
        private int throttlesSinceCut;
        private Window current = new Window();
        private readonly List<Window> history = new List<Window>();

        public AdaptiveRateController() : this(StopwatchSeconds)
        {
        }

        /// <summary>For the operation named (messages and progress).</summary>
        public AdaptiveRateController(string operation) : this(StopwatchSeconds)
        {
            Operation = operation;
        }

        /// <summary>With a clock in seconds (tests drive it by hand).</summary>
        public AdaptiveRateController(Func<double> clock)
        {
            now = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        /// <summary>The API operation whose quota this controller learns ("" when not named).</summary>
        public string Operation { get; } = "";

        /// <summary>Raised after every cut with the new rate (requests/s); the simulated-quota tests record the cuts.</summary>
        public event Action<double>? RateCut;

        /// <summary>The current send rate, or null while unthrottled.</summary>
        public double? Rate { get { lock (gate) { return CurrentRate(now()); } } }

        /// <summary>The accepted rate measured at the last cut: what the service allowed, for messages.</summary>
        public double? AcceptedAtLastCut { get { lock (gate) { return cuts == 0 ? (double?)null : acceptedPeak; } } }

        /// <summary>The share of answers taken to be throttles that come whatever the rate (0 when none were seen).</summary>
        public double NoiseShare { get { lock (gate) { return noise; } } }

        /// <summary>Requests waiting for their turn now.</summary>
        public int Waiting { get { lock (gate) { return waiting.Count; } } }

        /// <summary>Seconds since the service last throttled a request, or null if it never did.</summary>
        public double? SecondsSinceThrottle { get { lock (gate) { return double.IsNegativeInfinity(lastThrottleAt) ? (double?)null : now() - lastThrottleAt; } } }

        public long Throttles => Interlocked.Read(ref throttles);
        public long Cuts => Interlocked.Read(ref cuts);

        /// <summary>Waits for a new request's turn; returns the send time to hand back with the answer.</summary>
        public Task<double> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(null, cancellationToken);

        /// <summary>
        /// Waits for the turn of the request that owns <paramref name="place"/>: its first attempt takes a ticket,
        /// later attempts (after a throttle) wait again with the same ticket, ahead of requests that came later.
        /// </summary>
        public async Task<double> AcquireAsync(QueuePlace? place, CancellationToken cancellationToken)
        {
            var ticket = place != null && place.Ticket >= 0 ? Requeue(place.Ticket) : TakeTicket();
            if (place != null)
            {
                place.Ticket = ticket;
            }
            try
            {
                while (true)
                {
                    var (released, sendAt, wait) = TryRelease(ticket);
                    if (released)
                    {
                        return sendAt;
                    }
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                Abandon(ticket);
                throw;
            }
        }

        /// <summary>A new place at the back of the queue.</summary>
        public long TakeTicket()
        {
            lock (gate)
            {
                var ticket = nextTicket++;
                waiting.Add(ticket);
                return ticket;
            }
        }

        /// <summary>A request that was throttled waits again at the place its first attempt took (oldest first).</summary>
        public long Requeue(long ticket)
        {
            lock (gate)
            {
                waiting.Add(ticket);
                return ticket;
            }
        }

        /// <summary>
        /// Lets <paramref name="ticket"/> go if it is its turn at the current rate; else how long to wait before asking
        /// again. The wait is an estimate at today's rate and capped, so a rate that changes meanwhile is picked up.
        /// </summary>
        public (bool Released, double SendAt, TimeSpan Wait) TryRelease(long ticket)
        {
            lock (gate)
            {
                var at = now();
                var rate = CurrentRate(at);
                if (rate == null)
                {
                    waiting.Remove(ticket);
                    lastReleaseAt = at;
                    return (true, at, TimeSpan.Zero);
                }
                if (!waiting.Contains(ticket))
                {
                    waiting.Add(ticket);
                }
                var interval = 1 / rate.Value;
                var ahead = waiting.GetViewBetween(waiting.Min, ticket).Count - 1;
                var due = lastReleaseAt + interval;
                if (ahead == 0 && at >= due)
                {
                    waiting.Remove(ticket);
                    // Keep the cadence when on time; after a pause, start counting from now (no catch-up burst).
                    lastReleaseAt = at - due < interval ? due : at;
                    return (true, at, TimeSpan.Zero);
                }
                var wait = Math.Max(due + ahead * interval - at, MinimumWaitSeconds);
                return (false, at, TimeSpan.FromSeconds(Math.Min(wait, ahead == 0 ? MaximumHeadWaitSeconds : MaximumWaitSeconds)));
            }
        }

        /// <summary>A canceled waiter gives its place up, so the queue does not stall behind it.</summary>
        public void Abandon(long ticket)
        {
            lock (gate)
            {
                waiting.Remove(ticket);
            }
        }

        /// <summary>The service accepted a request (sent now, for callers that do not track it).</summary>
        public void OnSuccess() => OnSuccess(double.PositiveInfinity);

        /// <summary>The service accepted a request sent at <paramref name="sentAt"/>: it counts towards the accepted rate.</summary>
        public void OnSuccess(double sentAt)
        {
            lock (gate)
            {
                var at = now();
                successes.Enqueue(at);
                if (sentAt <= at)
                {
                    lastSuccessSentAt = Math.Max(lastSuccessSentAt, sentAt);
                }
                if (successes.Count > MaxRememberedSuccesses)
                {
                    successes.Dequeue();
                }
                Remember(throttled: false, sentAt >= cutAt);
            }
        }

        /// <summary>The service throttled a request sent at <paramref name="sentAt"/>; true when this cut the rate.</summary>
        public bool OnThrottle(double sentAt)
        {
            Interlocked.Increment(ref throttles);
            double newRate;
            lock (gate)
            {
                lastThrottleAt = now();
                if (sentAt < cutAt)
                {
                    // Sent before the last cut: the service is answering the old rate, already acted on.
                    return false;
                }
                Remember(throttled: true, afterCut: true);
                var at = now();
                if (!ShouldCut())
                {
                    return false;
                }
                var rateNow = CurrentRate(at);
                var sentRate = CurrentRate(sentAt);
                var accepted = AcceptedRate(at, rateNow ?? sentRate);
                double peak;
                var startFactor = CutFactor;
                if (accepted.HasValue)
                {
                    // What got through, plus what noise refused: the quota is what the service would accept.
                    var allowed = accepted.Value / (1 - noise);
                    // Far below what was refused, what got through may only show how little was sent (gaps between
                    // rounds): meet halfway (geometrically), the next round measures again.
                    peak = !sentRate.HasValue ? allowed
                        : sentRate.Value > 2 * allowed ? Math.Sqrt(allowed * sentRate.Value)
                        : Math.Min(allowed, sentRate.Value);
                }
                else if (successes.Count == 1)
                {
                    // One success and throttles since (a burst of 1 at the start): at most one per the time since it,
                    // which falls round by round until the next success measures the quota.
                    var bound = 1 / Math.Max(at - successes.Peek(), 1e-3);
                    peak = sentRate.HasValue ? Math.Min(bound, sentRate.Value) : bound;
                }
                else
                {
                    // Nothing got through lately (someone else holds the quota): halve what was refused, or start slow,
                    // and climb back towards it, so a halving too many is made up within seconds.
                    peak = sentRate ?? rateNow ?? 1;
                    startFactor = 0.5;
                }
                current.Cut = true;
                answersSinceCut = 0;
                throttlesSinceCut = 0;
                acceptedPeak = Math.Max(MinimumRate, peak);
                unthrottled = false;
                cutAt = at;
                StartCurve(acceptedPeak, startFactor);
                newRate = CurrentRate(at)!.Value;
                // The next request waits a full interval at the new rate after the last one sent. When that was the
                // refused one and it left within an interval of the last one that got through (a probe just above a
                // quota with a burst of 1), count from the one that got through: the service's next token comes an
                // interval after it, not after the refusal.
                var interval = 1 / newRate;
                lastReleaseAt = sentAt < lastReleaseAt ? lastReleaseAt
                    : sentAt - lastSuccessSentAt < interval ? Math.Max(lastSuccessSentAt, at - interval)
                    : Math.Max(sentAt, at - interval);
                cuts++;
            }
            RateCut?.Invoke(newRate);
            return true;
        }

        private void StartCurve(double peak, double startFactor = CutFactor)
        {
            // K: the time back at the peak. At low rates about a dozen requests' worth, so a low quota is not probed
            // every few requests (with a burst of 1 each probe above the quota costs a request slot); from ~3/s up the
            // cubic K is longer anyway, and its absolute growth keeps clients of one quota fair.
            var k = Math.Max(Math.Pow(peak * (1 - startFactor) / Growth, 1.0 / 3), Math.Min(MinimumClimbRequests / Math.Pow(peak, 1.5), LongestClimbSeconds));
            cutK = k;
            growth = peak * (1 - startFactor) / (k * k * k);
        }

        /// <summary>Whether the throttles since the last cut exceed what noise alone explains.</summary>
        private bool ShouldCut()
        {
            var answers = Math.Min(recent.Count, RecentAnswers);
            var throttled = 0;
            foreach (var wasThrottled in recent)
            {
                throttled += wasThrottled ? 1 : 0;
            }
            if (unthrottled)
            {
                // Unthrottled a cut is costly if it answers noise: a quota refuses most requests sent too fast, so ask
                // for most recent answers (beyond the noise share) to be throttles.
                return MostlyThrottled(throttled, answers);
            }
            var sinceCut = Math.Min(answersSinceCut, RecentAnswers);
            var throttledSinceCut = Math.Min(throttlesSinceCut, sinceCut);
            return noise <= 0
                || throttledSinceCut > noise * sinceCut + 1.5 * Math.Sqrt(sinceCut * noise * (1 - noise)) + 1;
        }

        private bool MostlyThrottled(int throttled, int answers) =>
            throttled >= 2 && throttled - noise * answers > 0.5 * answers * (1 - noise);

        private void Remember(bool throttled, bool afterCut)
        {
            recent.Enqueue(throttled);
            if (recent.Count > RecentAnswers)
            {
                recent.Dequeue();
            }
            var at = now();
            current.Add(at, throttled, unthrottled);
            if (current.Answers >= JudgedAnswers)
            {
                Judge(at);
            }
            if (!afterCut || unthrottled)
            {
                return;
            }
            answersSinceCut++;
            throttlesSinceCut += throttled ? 1 : 0;
        }

        /// <summary>
        /// Compares this window of answers with the one before. A quota refuses a smaller share once the rate falls
        /// (what gets through stays the quota); noise refuses the same share whatever the rate (what gets through
        /// falls with the rate). When the rate fell and the share did not, the fall answered noise: go back to the
        /// rate before it and discount that share from now on.
        /// </summary>
        private void Judge(double at)
        {
            var window = current;
            current = new Window();
            var share = window.ThrottledShare;
            Window? faster = null;
            var cutSince = window.Cut;
            for (var i = history.Count - 1; i >= 0; i--)
            {
                var before = history[i];
                // Only shares well under a half: above it a quota's share hardly changes with the rate.
                if (cutSince && window.AnswerRate <= 0.8 * before.AnswerRate && before.ThrottledShare <= 0.35
                    && share >= 0.08 && share <= 0.35
                    && share >= 0.7 * before.ThrottledShare && share <= 1.5 * before.ThrottledShare + 0.05
                    && (faster == null || before.AnswerRate > faster.AnswerRate))
                {
                    faster = before;
                }
                cutSince |= before.Cut;
            }
            history.Add(window);
            if (history.Count > RememberedWindows)
            {
                history.RemoveAt(0);
            }
            if (faster == null)
            {
                LearnNoise(window);
                return;
            }
            // The rate fell since a faster window and the share refused did not: the cuts answered noise.
            noise = Math.Max(noise, share);
            if (faster.Unthrottled)
            {
                unthrottled = true;
                cutAt = double.NegativeInfinity;
            }
            else
            {
                // Back on the plateau at that window's rate.
                acceptedPeak = faster.AnswerRate;
                StartCurve(acceptedPeak);
                cutAt = at - cutK;
            }
            answersSinceCut = 0;
            throttlesSinceCut = 0;
            recent.Clear();
            history.Clear();
        }

        /// <summary>A window without a cut that refused less than the background share lowers it (the noise stopped).</summary>
        private void LearnNoise(Window window)
        {
            // Only ever lowered here: raising it from windows that refused more would let a quota's throttles pass
            // for noise. It is raised only by the comparison above (the rate fell, the share did not).
            var share = window.ThrottledShare;
            if (!window.Cut && share < noise)
            {
                noise = noise < 0.05 ? 0 : 0.7 * noise + 0.3 * share;
            }
        }

        /// <summary>Answers counted together: how many were throttled, how fast they came, whether the rate was cut.</summary>
        private sealed class Window
        {
            private double first = double.NaN;
            private double last;

            public int Answers { get; private set; }
            public int Throttled { get; private set; }
            public bool Cut { get; set; }
            public bool Unthrottled { get; private set; } = true;

            public double ThrottledShare => Answers == 0 ? 0 : (double)Throttled / Answers;

            public double AnswerRate => Answers < 2 || last <= first ? double.PositiveInfinity : (Answers - 1) / (last - first);

            public void Add(double at, bool throttled, bool whileUnthrottled)
            {
                if (double.IsNaN(first))
                {
                    first = at;
                }
                last = at;
                Answers++;
                Throttled += throttled ? 1 : 0;
                Unthrottled &= whileUnthrottled;
            }
        }

        /// <summary>
        /// Successes per second lately, from their spacing: over at least 2 s and at least 12 requests at
        /// <paramref name="rateHint"/>, so a low rate is measured from enough successes. Null when none came.
        /// </summary>
        private double? AcceptedRate(double at, double? rateHint)
        {
            var window = Math.Max(AcceptedWindow.TotalSeconds, rateHint.HasValue ? Math.Min(MinimumClimbRequests / rateHint.Value, 300) : 0);
            while (successes.Count > 0 && successes.Peek() < at - window)
            {
                successes.Dequeue();
            }
            // The latest successes only: enough to measure, recent enough that a climb does not average in.
            var recentSuccesses = new List<double>(successes);
            if (recentSuccesses.Count > MeasuredSuccesses)
            {
                recentSuccesses.RemoveRange(0, recentSuccesses.Count - MeasuredSuccesses);
            }
            var count = recentSuccesses.Count;
            if (count <= 1)
            {
                // One success measures nothing.
                return null;
            }
            var first = recentSuccesses[0];
            var last = recentSuccesses[count - 1];
            var sinceFirst = Math.Max(at - first, 1e-3);
            var spacing = (last - first) / (count - 1);
            // Evenly spaced successes give the rate exactly; a silence since the last one longer than the spacing
            // (someone else took the quota, or the quota fell since a faster run) lowers it: while requests are
            // refused, no more than one per the silence gets through.
            var measured = spacing > 0 ? Math.Min(1 / spacing, count / sinceFirst) : count / sinceFirst;
            var silence = at - last;
            return silence > 2 * Math.Max(spacing, 1e-3) ? Math.Min(measured, 1 / silence) : measured;
        }

        /// <summary>CUBIC: peak·β at the cut, back to the peak after K seconds, then probing above it.</summary>
        private double? CurrentRate(double at)
        {
            if (unthrottled)
            {
                return null;
            }
            var t = at - cutAt - cutK;
            return Math.Max(MinimumRate, acceptedPeak + growth * t * t * t);
        }

        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        private static double StopwatchSeconds() => Clock.Elapsed.TotalSeconds;
    }
}
