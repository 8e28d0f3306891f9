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
            // 20 accepted per second for 3 s, while 16 requests were in flight.
            for (var i = 0; i < 60; i++)
            {
                clock = i * 0.05;
                controller.OnSuccess();
            }
            clock = 3.0;

            Assert.True(controller.OnThrottle(sentAt: 2.99));
            foreach (var late in Enumerable.Range(0, 15))
            {
                Assert.False(controller.OnThrottle(sentAt: 2.98)); // sent before the cut: the same round, already acted on
            }

            Assert.Equal(1, controller.Cuts);
            Assert.Equal(16, controller.Throttles);
            Assert.InRange(Assert.Single(cuts), 0.9 * 20 * 0.97, 0.9 * 20 * 1.03);
            Assert.InRange(controller.AcceptedAtLastCut!.Value, 19, 21);
            // The next sends are spaced at the new rate and leave in ticket order, whoever asks first.
            var first = controller.TakeTicket();
            var second = controller.TakeTicket();
            Assert.False(controller.TryRelease(second).Released);
            var (released, _, wait) = controller.TryRelease(first);
            Assert.False(released);
            Assert.InRange(wait.TotalSeconds, 1 / 18.5, 1 / 17.5);
            clock += wait.TotalSeconds;
            Assert.False(controller.TryRelease(second).Released);
            Assert.True(controller.TryRelease(first).Released);
            controller.Abandon(second); // a canceled waiter does not hold up the ones behind it
            var third = controller.TakeTicket();
            clock += 1 / 17.5;
            Assert.True(controller.TryRelease(third).Released);
        }

        [Fact]
        public void AfterACutTheRateClimbsBackToTheAcceptedRateAndThenProbesAboveIt()
        {
            var clock = 0.0;
            var controller = new AdaptiveRateController(() => clock);
            for (var i = 0; i < 100; i++)
            {
                clock = i * 0.02;
                controller.OnSuccess();
            }
            clock = 2.0;
            controller.OnThrottle(2.0);
            var atCut = controller.Rate!.Value;

            clock = 2.0 + Math.Pow(50 * 0.1 / AdaptiveRateController.Growth, 1.0 / 3); // K: back at the plateau
            var atPlateau = controller.Rate!.Value;
            clock += 5;
            var probing = controller.Rate!.Value;

            Assert.InRange(atCut, 44, 46);
            Assert.InRange(atPlateau, 49.5, 50.5);
            Assert.True(probing > 90, $"probing at {probing}");
        }

        [Theory]
        [InlineData(5, 4, 150)]
        [InlineData(10, 16, 300)]
        [InlineData(10, 64, 300)]
        [InlineData(50, 16, 1000)]
        [InlineData(200, 64, 4000)]
        public void UnderAQuotaNoItemIsLostAndTheSustainedRateIsAtLeastNineTenthsOfIt(double quota, int throttleLimit, int items)
        {
            var simulation = new Simulation(quota, latency: 0.03);
            var run = simulation.Run(new[] { (throttleLimit, items) });

            Assert.Equal(items, run.Succeeded[0]);
            var sustained = items / run.Seconds[0];
            Assert.True(sustained >= 0.9 * quota, $"sustained {sustained:0.00}/s at quota {quota} (L={throttleLimit}), {run.Throttles} throttles; cuts {string.Join(" ", simulation.Cuts)}");
        }

        [Fact]
        public void TwoClientsSharingOneQuotaTogetherGetAtLeastEightyFivePercentOfIt()
        {
            var run = new Simulation(20, latency: 0.03).Run(new[] { (16, 400), (16, 400) });

            Assert.Equal(new[] { 400, 400 }, run.Succeeded);
            var together = 800 / run.Seconds.Max();
            Assert.True(together >= 0.85 * 20, $"together {together:0.00}/s");
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

        /// <summary>Workers sending through one controller each (per client) to one server token bucket.</summary>
        private sealed class Simulation
        {
            private readonly double latency;

            public Simulation(double quota, double latency)
            {
                QuotaAt = _ => quota;
                this.latency = latency;
            }

            public Func<double, double> QuotaAt { get; set; }
            public List<string> Cuts { get; } = new List<string>();
            public Action<double, AdaptiveRateController>? Observe { get; set; }

            public (int[] Succeeded, double[] Seconds, long Throttles) Run((int ThrottleLimit, int Items)[] clients)
            {
                var clock = 0.0;
                var tokens = QuotaAt(0);
                var refilledAt = 0.0;
                var controllers = clients.Select(_ => new AdaptiveRateController(() => clock)).ToArray();
                controllers[0].RateCut += r => Cuts.Add($"{clock:0.00}:{r:0.0}");
                var remaining = clients.Select(c => c.Items).ToArray();
                var succeeded = new int[clients.Length];
                var finished = new double[clients.Length];
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
                    Attempt(client);
                }

                void Attempt(int client) => Wait(client, controllers[client].TakeTicket());

                void Wait(int client, long ticket)
                {
                    var (released, sendAt, wait) = controllers[client].TryRelease(ticket);
                    if (!released)
                    {
                        At(clock + wait.TotalSeconds, () => Wait(client, ticket));
                        return;
                    }
                    At(clock + latency / 2, () =>
                    {
                        var quota = QuotaAt(clock);
                        tokens = Math.Min(Math.Max(1, quota), tokens + (clock - refilledAt) * quota);
                        refilledAt = clock;
                        var accepted = tokens >= 1;
                        if (accepted)
                        {
                            tokens -= 1;
                        }
                        At(clock + latency / 2, () =>
                        {
                            if (accepted)
                            {
                                controllers[client].OnSuccess();
                                succeeded[client]++;
                                finished[client] = clock;
                                Send(client);
                            }
                            else
                            {
                                controllers[client].OnThrottle(sendAt);
                                Attempt(client);
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
                return (succeeded, finished, controllers.Sum(c => c.Throttles));
            }
        }
    }
}
