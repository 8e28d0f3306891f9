using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Bulk;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    public sealed class BulkExecutorTests
    {
        [Fact]
        public void OutcomesComeBackInSubmissionOrderWhateverOrderTheyFinishIn()
        {
            using var executor = new OrderedBulkExecutor<int, int>(8, null, CancellationToken.None);
            var taken = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                var item = i;
                while (executor.IsFull)
                {
                    taken.Add(executor.TakeNext(TimeSpan.FromSeconds(30))!.Result);
                }
                executor.Submit(item, async token => { await Task.Delay((40 - item) % 7 * 5, token); return item; });
            }
            while (executor.Pending > 0)
            {
                taken.Add(executor.TakeNext(TimeSpan.FromSeconds(30))!.Result);
            }

            Assert.Equal(System.Linq.Enumerable.Range(0, 40), taken);
        }

        [Fact]
        public void WorkHeldUpInOneLaneDoesNotHoldTheSlotsOfAnother()
        {
            // Two regions in one command: items waiting on one region's quota must not keep the other's from being sent.
            using var executor = new OrderedBulkExecutor<int, int>(2, null, CancellationToken.None);
            var throttledRegion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var otherRegionRan = new CountdownEvent(3);
            executor.Submit(1, token => throttledRegion.Task.WaitAsync(token), lane: "eu-west-1");
            executor.Submit(2, token => throttledRegion.Task.WaitAsync(token), lane: "eu-west-1");
            for (var i = 3; i <= 5; i++)
            {
                var item = i;
                executor.Submit(item, token => { otherRegionRan.Signal(); return Task.FromResult(item); }, lane: "us-east-1");
            }

            Assert.True(otherRegionRan.Wait(TimeSpan.FromSeconds(30)), "us-east-1's items waited for eu-west-1's slots");
            // Output order is still input order: nothing comes out ahead of the held-up head.
            Assert.Empty(executor.TakeReady());
            throttledRegion.SetResult(0);
            var taken = new List<int>();
            while (executor.Pending > 0)
            {
                taken.Add(executor.TakeNext(TimeSpan.FromSeconds(30))!.Item);
            }
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, taken);
        }

        [Fact]
        public void EachLaneGetsItsOwnShareOfTheQueue()
        {
            using var executor = new OrderedBulkExecutor<int, int>(4, null, CancellationToken.None);
            var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var submitted = 0;
            while (!executor.IsFull)
            {
                executor.Submit(submitted, token => never.Task.WaitAsync(token), lane: submitted % 2 == 0 ? "a" : "b");
                submitted++;
            }

            // One lane alone fills at 16 (4 × the limit); two lanes get 16 each.
            Assert.Equal(32, submitted);
            executor.Cancel();
        }

        [Fact]
        public void AnItemRejectedBeforeSendingWaitsForTheItemsBeforeIt()
        {
            using var executor = new OrderedBulkExecutor<int, int>(4, null, CancellationToken.None);
            var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            executor.Submit(1, token => release.Task.WaitAsync(token));
            executor.SubmitRejected(2, new InvalidOperationException("bad input"));
            executor.Submit(3, token => Task.FromResult(3));

            // The rejection is ready at once, but the item before it is not: nothing comes out yet.
            Assert.Empty(executor.TakeReady());
            release.SetResult(1);
            var first = executor.TakeNext(TimeSpan.FromSeconds(30))!;
            var second = executor.TakeNext(TimeSpan.FromSeconds(30))!;
            var third = executor.TakeNext(TimeSpan.FromSeconds(30))!;

            Assert.Equal(new[] { 1, 2, 3 }, new[] { first.Item, second.Item, third.Item });
            Assert.True(first.Succeeded);
            Assert.IsType<InvalidOperationException>(second.Error);
            Assert.False(second.Started);
            Assert.True(third.Succeeded);
        }

        [Fact]
        public void UnderHaltOnFailureARejectionHaltsTheRunAndIsTheCause()
        {
            using var executor = new OrderedBulkExecutor<int, int>(4, null, CancellationToken.None) { HaltOnFailure = true };
            executor.Submit(1, async token => { await Task.Delay(Timeout.Infinite, token); return 1; });
            executor.SubmitRejected(2, new InvalidOperationException("bad input"));

            var inFlight = executor.TakeNext(TimeSpan.FromSeconds(30))!;

            Assert.IsAssignableFrom<OperationCanceledException>(inFlight.Error);
            Assert.Equal(2, executor.HaltedBy!.Item);
        }

        [Fact]
        public void NoMoreThanTheThrottleLimitRunAtOnce()
        {
            using var executor = new OrderedBulkExecutor<int, int>(3, null, CancellationToken.None);
            var running = 0;
            var peak = 0;
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var i = 0; i < 12; i++)
            {
                executor.Submit(i, async token =>
                {
                    InterlockedMax(ref peak, Interlocked.Increment(ref running));
                    await release.Task.WaitAsync(token);
                    Interlocked.Decrement(ref running);
                    return 0;
                });
            }

            // Twelve submitted and none can finish: exactly three start, and the rest wait for a slot.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 3, TimeSpan.FromSeconds(30)), $"{running} started");
            Assert.Equal(3, executor.Running);
            release.SetResult();
            var outcomes = 0;
            while (executor.Pending > 0)
            {
                Assert.NotNull(executor.TakeNext(TimeSpan.FromSeconds(30)));
                outcomes++;
            }

            Assert.Equal(12, outcomes);
            Assert.Equal(3, peak);
        }

        [Fact]
        public void AtThrottleLimitOneTheCallerSeesEachOutcomeBeforeTheNextItemStarts()
        {
            using var executor = new OrderedBulkExecutor<int, int>(1, null, CancellationToken.None);
            var events = new System.Collections.Concurrent.ConcurrentQueue<string>();

            // The cmdlets' loop: take outcomes while the executor is full, then submit the next item.
            for (var i = 1; i <= 3; i++)
            {
                while (executor.IsFull)
                {
                    events.Enqueue("took " + executor.TakeNext(TimeSpan.FromSeconds(30))!.Result);
                }
                var item = i;
                executor.Submit(item, _ =>
                {
                    events.Enqueue("started " + item);
                    return Task.FromResult(item);
                });
            }
            while (executor.Pending > 0)
            {
                events.Enqueue("took " + executor.TakeNext(TimeSpan.FromSeconds(30))!.Result);
            }

            Assert.Equal(new[] { "started 1", "took 1", "started 2", "took 2", "started 3", "took 3" }, events);
        }

        [Fact]
        public async Task CancelingMarksWaitingItemsAsNeverStarted()
        {
            using var executor = new OrderedBulkExecutor<int, int>(1, null, CancellationToken.None);
            var gate = new TaskCompletionSource<int>();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            executor.Submit(1, token =>
            {
                started.SetResult();
                return gate.Task.WaitAsync(token);
            });
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Submit does not enforce IsFull (the caller does), so a second item can wait here for the only slot.
            executor.Submit(2, _ => Task.FromResult(2));

            executor.Cancel();
            var first = executor.TakeNext(TimeSpan.FromSeconds(30))!;
            var second = executor.TakeNext(TimeSpan.FromSeconds(30))!;

            Assert.True(first.Started);
            Assert.IsAssignableFrom<OperationCanceledException>(first.Error);
            Assert.False(second.Started);
            Assert.IsAssignableFrom<OperationCanceledException>(second.Error);
        }

        [Fact]
        public async Task TheRateGateSpacesStartsEvenly()
        {
            var gate = new RateGate(50);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            for (var i = 0; i < 11; i++)
            {
                await gate.WaitAsync(CancellationToken.None);
            }

            // Ten intervals of 20 ms: never faster than the rate.
            Assert.True(clock.ElapsedMilliseconds >= 195, $"{clock.ElapsedMilliseconds} ms");
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
