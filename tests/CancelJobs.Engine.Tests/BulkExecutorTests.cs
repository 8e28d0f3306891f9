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
                    taken.Add(executor.TakeNext(TimeSpan.FromSeconds(5))!.Result);
                }
                executor.Submit(item, async token => { await Task.Delay((40 - item) % 7 * 5, token); return item; });
            }
            while (executor.Pending > 0)
            {
                taken.Add(executor.TakeNext(TimeSpan.FromSeconds(5))!.Result);
            }

            Assert.Equal(System.Linq.Enumerable.Range(0, 40), taken);
        }

        [Fact]
        public async Task NoMoreThanTheThrottleLimitRunAtOnce()
        {
            using var executor = new OrderedBulkExecutor<int, int>(3, null, CancellationToken.None);
            var running = 0;
            var peak = 0;
            for (var i = 0; i < 12; i++)
            {
                executor.Submit(i, async token =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(20, token);
                    Interlocked.Decrement(ref running);
                    return 0;
                });
            }
            while (executor.Pending > 0)
            {
                executor.TakeNext(TimeSpan.FromSeconds(5));
            }
            await Task.Yield();

            Assert.Equal(3, peak);
        }

        [Fact]
        public void AtThrottleLimitOneTheQueueHoldsOneItemSoTheCallerSeesEachOutcomeFirst()
        {
            using var executor = new OrderedBulkExecutor<int, int>(1, null, CancellationToken.None);

            executor.Submit(1, _ => Task.FromResult(1));

            Assert.True(executor.IsFull);
        }

        [Fact]
        public void CancelingMarksWaitingItemsAsNeverStarted()
        {
            using var executor = new OrderedBulkExecutor<int, int>(1, null, CancellationToken.None);
            var gate = new TaskCompletionSource<int>();
            executor.Submit(1, token => gate.Task.WaitAsync(token));
            SpinWait.SpinUntil(() => executor.Running == 1, TimeSpan.FromSeconds(5));
            // Submit does not enforce IsFull (the caller does), so a second item can wait here for the only slot.
            executor.Submit(2, _ => Task.FromResult(2));

            executor.Cancel();
            var first = executor.TakeNext(TimeSpan.FromSeconds(5))!;
            var second = executor.TakeNext(TimeSpan.FromSeconds(5))!;

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
