using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Bulk;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// The adaptive rate controller on a simulated clock: a server token bucket, workers with a fixed round trip,
    /// everything ordered by events, so the figures do not depend on how busy the machine is.
    /// </summary>
    public sealed class RateControllerTests
    {
        [Fact]
        public void StartsUnthrottledAndNeverDelaysUntilTheServiceThrottles()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);

            for (var i = 0; i < 1000; i++)
            {
                Assert.True(controller.TryRelease(controller.TakeTicket()).Released);
                controller.OnSuccess();
                clock += 0.001;
            }

            Assert.Null(controller.Rate);
            Assert.Equal(0, controller.Cuts);
        }

        [Fact]
        public void AThrottleCutsToJustUnderTheRateTheServiceAcceptedAndLaterThrottlesOfTheOldRoundAreIgnored()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);
            var cuts = new List<double>();
            controller.RateCut += cuts.Add;
            // 20 accepted per second for 3 s, then a round of 16 in flight comes back throttled.
            for (var i = 0; i < 60; i++)
            {
                clock = i * 0.05;
                controller.OnSuccess(clock);
            }
            clock = 3.0;

            var cutBy = Enumerable.Range(0, 16).Select(_ => controller.OnThrottle(sentAt: 2.99)).ToList();
            foreach (var late in Enumerable.Range(0, 15))
            {
                Assert.False(controller.OnThrottle(sentAt: 2.98)); // sent before the cut: the same round, already acted on
            }

            Assert.Equal(1, cutBy.Count(c => c));
            Assert.Equal(1, controller.Cuts);
            Assert.Equal(31, controller.Throttles);
            Assert.InRange(Assert.Single(cuts), 0.9 * 20 * 0.97, 0.9 * 20 * 1.03);
            Assert.InRange(controller.AcceptedAtLastCut!.Value, 19, 21);
            // The next sends are spaced at the new rate and leave in ticket order, whoever asks first.
            var first = controller.TakeTicket();
            var second = controller.TakeTicket();
            Assert.False(controller.TryRelease(second).Released);
            var (released, _, wait) = controller.TryRelease(first);
            Assert.False(released);
            // An interval at the new rate after the last request that got through (sent at 2.95 s).
            Assert.InRange(wait.TotalSeconds, 2.95 + 1 / 18.5 - 3, 2.95 + 1 / 17.5 - 3);
            clock += wait.TotalSeconds;
            Assert.False(controller.TryRelease(second).Released);
            Assert.True(controller.TryRelease(first).Released);
            controller.Abandon(second); // a canceled waiter does not hold up the ones behind it
            var third = controller.TakeTicket();
            clock += 1 / 17.5;
            Assert.True(controller.TryRelease(third).Released);
        }

        [Fact]
        public void ARequestSentAgainAfterAThrottleGoesBeforeRequestsThatCameLater()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);
            ThrottleHard(controller, ref clock, acceptedPerSecond: 2);
            var older = controller.TakeTicket();
            clock += 1;
            Assert.True(controller.TryRelease(older).Released);
            var newer = controller.TakeTicket();
            var newest = controller.TakeTicket();
            controller.OnThrottle(sentAt: clock);
            controller.Requeue(older); // the throttled one waits again at its first place

            clock += 5;
            Assert.False(controller.TryRelease(newer).Released);
            Assert.False(controller.TryRelease(newest).Released);
            Assert.True(controller.TryRelease(older).Released);
            clock += 5;
            Assert.True(controller.TryRelease(newer).Released);
        }

        [Fact]
        public void AfterACutTheRateClimbsBackToTheAcceptedRateAndThenProbesAboveIt()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);
            ThrottleHard(controller, ref clock, acceptedPerSecond: 50);
            var cutAt = clock;
            var atCut = controller.Rate!.Value;

            clock = cutAt + Math.Max(Math.Pow(50 * 0.1 / AdaptiveRateController.Growth, 1.0 / 3), AdaptiveRateController.MinimumClimbRequests / 50); // K: back at the plateau
            var atPlateau = controller.Rate!.Value;
            clock += 5;
            var probing = controller.Rate!.Value;

            Assert.InRange(atCut, 44, 46);
            Assert.InRange(atPlateau, 49.5, 50.5);
            Assert.True(probing > 90, $"probing at {probing}");
        }

        [Fact]
        public void AtALowRateTheClimbTakesADozenRequestsBeforeProbingAboveTheAcceptedRate()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);
            ThrottleHard(controller, ref clock, acceptedPerSecond: 1);
            var cutAt = clock;

            clock = cutAt + 6;
            var halfway = controller.Rate!.Value;
            clock = cutAt + 12;
            var plateau = controller.Rate!.Value;
            clock = cutAt + 18;
            var probing = controller.Rate!.Value;

            Assert.InRange(halfway, 0.9, 1.0);
            Assert.InRange(plateau, 0.99, 1.01);
            Assert.InRange(probing, 1.005, 1.05);
        }

        [Theory]
        [InlineData(5, 4, 150, null)]
        [InlineData(10, 16, 300, null)]
        [InlineData(10, 64, 300, null)]
        [InlineData(50, 16, 1000, null)]
        [InlineData(200, 64, 4000, null)]
        [InlineData(1000, 64, 20000, null)]
        [InlineData(0.2, 4, 30, 1.0)]
        [InlineData(0.5, 4, 40, 1.0)]
        [InlineData(1, 1, 40, 1.0)]
        [InlineData(1, 4, 60, 1.0)]
        [InlineData(1, 64, 60, 1.0)]
        [InlineData(2, 4, 80, 1.0)]
        [InlineData(5, 16, 200, 1.0)]
        [InlineData(50, 16, 1000, 1.0)]
        public void UnderAQuotaNoItemIsLostAndTheSustainedRateIsAtLeastNineTenthsOfIt(double quota, int throttleLimit, int items, double? burst)
        {
            var simulation = new Simulation(quota, latency: 0.03) { Burst = burst };
            var run = simulation.Run(new[] { (throttleLimit, items) });

            Assert.Equal(items, run.Succeeded[0]);
            var sustained = run.SucceededAfterFirstThrottle[0] / (run.Seconds[0] - run.FirstThrottleAt);
            Assert.True(sustained >= 0.9 * quota, $"sustained {sustained:0.000}/s from the first throttle at quota {quota} (L={throttleLimit}), {run.Throttles} throttles; cuts {string.Join(" ", simulation.Cuts)}");
            // Oldest first: no item is refused again and again while later ones go through.
            // Items throttled together in the first round wait their turn at the quota; none waits beyond that.
            Assert.True(run.LongestThrottledWait <= Math.Max(5, (12 + throttleLimit) / quota), $"one item waited {run.LongestThrottledWait:0.0} s from its first throttle");
        }

        [Theory]
        [InlineData(0.1, 4)]
        [InlineData(0.2, 4)]
        [InlineData(0.3, 16)]
        public void ThrottlesThatComeWhateverTheRateDoNotCollapseIt(double noiseShare, int throttleLimit)
        {
            var withoutNoise = new Simulation(double.PositiveInfinity, latency: 0.03).Run(new[] { (throttleLimit, 400) });
            var simulation = new Simulation(double.PositiveInfinity, latency: 0.03) { NoiseShare = noiseShare };
            var run = simulation.Run(new[] { (throttleLimit, 400) });

            Assert.Equal(400, run.Succeeded[0]);
            Assert.True(run.Throttles > 0.5 * noiseShare * 400, $"only {run.Throttles} throttles");
            Assert.True(run.Seconds[0] <= 2 * withoutNoise.Seconds[0],
                $"{run.Seconds[0]:0.00} s with {noiseShare:P0} random throttles, {withoutNoise.Seconds[0]:0.00} s without; cuts {string.Join(" ", simulation.Cuts)}");
        }

        [Fact]
        public void RandomThrottlesOnTopOfAQuotaStillLetTheQuotaBeUsed()
        {
            var simulation = new Simulation(10, latency: 0.03) { NoiseShare = 0.1 };
            var run = simulation.Run(new[] { (16, 300) });

            Assert.Equal(300, run.Succeeded[0]);
            var sustained = run.SucceededAfterFirstThrottle[0] / (run.Seconds[0] - run.FirstThrottleAt);
            Assert.True(sustained >= 0.8 * 10, $"sustained {sustained:0.00}/s; cuts {string.Join(" ", simulation.Cuts)}");
        }

        [Theory]
        [InlineData(20, null)]
        [InlineData(50, null)]
        public void TwoClientsSharingOneQuotaEachGetAtLeastFourTenthsOfIt(double quota, double? burst)
        {
            var items = (int)Math.Max(60, quota * 40);
            var simulation = new Simulation(quota, latency: 0.03) { Burst = burst };
            var run = simulation.Run(new[] { (16, items), (16, items) });

            Assert.Equal(new[] { items, items }, run.Succeeded);
            var together = 2 * items / run.Seconds.Max();
            // Each one's share while both were running.
            var bothRunning = run.Seconds.Min();
            for (var c = 0; c < 2; c++)
            {
                var share = run.SuccessTimes[c].Count(t => t <= bothRunning) / bothRunning;
                Assert.True(share >= 0.4 * quota, $"client {c}: {share:0.00}/s of {quota}/s, together {together:0.00}/s; cuts {string.Join(" ", simulation.Cuts)}");
            }
        }

        [Fact]
        public void AQuotaThatDropsMidRunIsMetWithinSecondsAndFoundAgainWhenItComesBack()
        {
            var simulation = new Simulation(50, latency: 0.03) { QuotaAt = t => t < 5 ? 50 : t < 15 ? 10 : 50 };
            var rates = new List<(double Time, double? Rate)>();
            simulation.Observe = (t, controller) => rates.Add((t, controller.Rate));

            var run = simulation.Run(new[] { (16, 1200) });

            Assert.Equal(1200, run.Succeeded[0]);
            Assert.All(rates.Where(r => r.Time > 8 && r.Time < 15), r => Assert.True(r.Rate < 14, $"{r.Rate} at {r.Time:0.0} s"));
            Assert.Contains(rates, r => r.Time > 15 && r.Rate > 40);
        }

        /// <summary>Drives a controller through a second of successes at a rate, then a round of throttles, so it cuts.</summary>
        private static void ThrottleHard(AdaptiveRateController controller, ref double clock, double acceptedPerSecond)
        {
            var count = (int)Math.Max(3, acceptedPerSecond * 2);
            for (var i = 0; i < count; i++)
            {
                controller.OnSuccess(clock);
                clock += 1 / acceptedPerSecond;
            }
            clock -= 0.5 / acceptedPerSecond;
            for (var i = 0; i < 25 && controller.Cuts == 0; i++)
            {
                controller.OnThrottle(clock);
            }
            Assert.Equal(1, controller.Cuts);
        }

        /// <summary>
        /// Workers sending through one controller each (per client) to one server token bucket, and optionally a share
        /// of requests refused at random (not a quota). A throttled item is sent again with its first ticket.
        /// </summary>
        private sealed class Simulation
        {
            private readonly double latency;

            public Simulation(double quota, double latency)
            {
                QuotaAt = _ => quota;
                this.latency = latency;
            }

            public Func<double, double> QuotaAt { get; set; }

            /// <summary>The bucket's size; null = one second's worth (at least 1).</summary>
            public double? Burst { get; set; }

            /// <summary>Share of requests refused whatever the rate (seeded, so runs repeat).</summary>
            public double NoiseShare { get; set; }

            public List<string> Cuts { get; } = new List<string>();
            public Action<double, AdaptiveRateController>? Observe { get; set; }

            public RunResult Run((int ThrottleLimit, int Items)[] clients)
            {
                var clock = 0.0;
                var random = new Random(17);
                double BurstAt(double t) => Burst ?? Math.Max(1, QuotaAt(t));
                var tokens = double.IsPositiveInfinity(QuotaAt(0)) ? 0 : BurstAt(0);
                var refilledAt = 0.0;
                var controllers = clients.Select(_ => new AdaptiveRateController(() => clock)).ToArray();
                for (var c = 0; c < controllers.Length; c++)
                {
                    var prefix = c == 0 ? "" : $"[{c}]";
                    controllers[c].RateCut += r => Cuts.Add($"{prefix}{clock:0.00}:{r:0.00}");
                }
                var remaining = clients.Select(c => c.Items).ToArray();
                var succeeded = new int[clients.Length];
                var finished = new double[clients.Length];
                var successTimes = clients.Select(_ => new List<double>()).ToArray();
                var firstThrottleAt = double.NaN;
                var mostThrottles = 0;
                var longestThrottledWait = 0.0;
                var events = new PriorityQueue<Action, (double, long)>();
                long order = 0;
                void At(double time, Action action) => events.Enqueue(action, (time, order++));

                void Send(int client)
                {
                    if (remaining[client] == 0)
                    {
                        return;
                    }
                    remaining[client]--;
                    Wait(client, controllers[client].TakeTicket(), 0, double.NaN);
                }

                void Wait(int client, long ticket, int throttled, double firstThrottledAt)
                {
                    var (released, sendAt, wait) = controllers[client].TryRelease(ticket);
                    if (!released)
                    {
                        At(clock + wait.TotalSeconds, () => Wait(client, ticket, throttled, firstThrottledAt));
                        return;
                    }
                    At(clock + latency / 2, () =>
                    {
                        var quota = QuotaAt(clock);
                        bool accepted;
                        if (NoiseShare > 0 && random.NextDouble() < NoiseShare)
                        {
                            accepted = false;
                        }
                        else if (double.IsPositiveInfinity(quota))
                        {
                            accepted = true;
                        }
                        else
                        {
                            tokens = Math.Min(BurstAt(clock), tokens + (clock - refilledAt) * quota);
                            refilledAt = clock;
                            accepted = tokens >= 1;
                            if (accepted)
                            {
                                tokens -= 1;
                            }
                        }
                        At(clock + latency / 2, () =>
                        {
                            if (accepted)
                            {
                                controllers[client].OnSuccess(sendAt);
                                succeeded[client]++;
                                finished[client] = clock;
                                successTimes[client].Add(clock);
                                mostThrottles = Math.Max(mostThrottles, throttled);
                                if (!double.IsNaN(firstThrottledAt))
                                {
                                    longestThrottledWait = Math.Max(longestThrottledWait, clock - firstThrottledAt);
                                }
                                Send(client);
                            }
                            else
                            {
                                if (double.IsNaN(firstThrottleAt))
                                {
                                    firstThrottleAt = clock;
                                }
                                controllers[client].OnThrottle(sendAt);
                                Wait(client, controllers[client].Requeue(ticket), throttled + 1, double.IsNaN(firstThrottledAt) ? clock : firstThrottledAt);
                            }
                        });
                    });
                }

                for (var c = 0; c < clients.Length; c++)
                {
                    for (var w = 0; w < clients[c].ThrottleLimit; w++)
                    {
                        var client = c;
                        At(0, () => Send(client));
                    }
                }
                var nextObservation = 0.0;
                while (events.TryDequeue(out var action, out var when))
                {
                    clock = when.Item1;
                    if (Observe != null && clock >= nextObservation)
                    {
                        Observe(clock, controllers[0]);
                        nextObservation = clock + 0.5;
                    }
                    action();
                }
                var start = double.IsNaN(firstThrottleAt) ? 0 : firstThrottleAt;
                return new RunResult(succeeded, finished, controllers.Sum(c => c.Throttles), start,
                    successTimes.Select(times => times.Count(t => t > start)).ToArray(), successTimes, mostThrottles, longestThrottledWait);
            }
        }

        private sealed record RunResult(int[] Succeeded, double[] Seconds, long Throttles, double FirstThrottleAt,
            int[] SucceededAfterFirstThrottle, List<double>[] SuccessTimes, int MostThrottlesOfOneItem, double LongestThrottledWait);
    }
}
