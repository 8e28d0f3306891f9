using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>
    /// Runs submitted work concurrently (at most <c>throttleLimit</c> at once per lane, optionally rate-capped) and hands
    /// the outcomes back in submission order. A lane is where work waits apart (a region, whose quota is its own): work
    /// held up by one lane's throttling never holds the slots another lane's work needs. It never calls back into the
    /// caller's thread: the caller (a cmdlet on the pipeline thread) polls for outcomes and writes them. The queue is
    /// bounded, so memory stays flat however many items are piped in: a full queue makes the caller wait for the oldest
    /// item before submitting more.
    /// </summary>
    public sealed class OrderedBulkExecutor<TItem, TResult> : IDisposable
    {
        // Not disposed (see Dispose): they have no wait handle to free, and finishing work still releases them.
        // Read and written by the submitting thread only.
        private readonly Dictionary<string, SemaphoreSlim> lanes = new Dictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        private readonly RateGate? rateGate;
        private readonly CancellationTokenSource cancellation;
        private readonly Queue<Entry> pending = new Queue<Entry>();
        private readonly int capacity;
        private long submitted;
        private int running;
        private long failed;
        private long completed;

        public OrderedBulkExecutor(int throttleLimit, double? maxRequestsPerSecond, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "At least one request must be allowed at a time.");
            }
            ThrottleLimit = throttleLimit;
            rateGate = maxRequestsPerSecond.HasValue ? new RateGate(maxRequestsPerSecond.Value) : null;
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Enough queued work to keep every slot busy while the oldest item is slow, and no more. At a limit of 1
            // the caller sees each outcome before submitting the next, so -ErrorAction Stop stops before sending more.
            capacity = throttleLimit == 1 ? 1 : Math.Max(16, throttleLimit * 4);
        }

        public int ThrottleLimit { get; }

        /// <summary>
        /// Under -ErrorAction Stop: the first failure cancels everything still running or waiting, so nothing more is
        /// sent after it (in-flight requests are abandoned and reported as sent).
        /// </summary>
        public bool HaltOnFailure { get; set; }

        /// <summary>With <see cref="HaltOnFailure"/>: the failure that halted the run (items after it may end canceled).</summary>
        public BulkOutcome<TItem, TResult>? HaltedBy => Volatile.Read(ref haltedBy);

        private BulkOutcome<TItem, TResult>? haltedBy;

        /// <summary>
        /// True when the caller must take an outcome before submitting another item (the caller's thread only, like Submit).
        /// Each lane gets its own share of the queue, so a slow lane's items at the head leave the others room to run.
        /// </summary>
        public bool IsFull { get { lock (pending) { return pending.Count >= (capacity == 1 ? 1 : capacity * Math.Max(1, lanes.Count)); } } }

        /// <summary>Items submitted and not yet handed back.</summary>
        public int Pending { get { lock (pending) { return pending.Count; } } }

        public int Running => Volatile.Read(ref running);
        public long Submitted => submitted;
        public long Completed => Interlocked.Read(ref completed);
        public long Failed => Interlocked.Read(ref failed);

        /// <summary>
        /// Queues <paramref name="work"/> to run within the throttle limit of its <paramref name="lane"/>; <paramref name="afterSlot"/>
        /// (e.g. -Wait's polling) then runs with the slot already given back, so slow follow-ups never hold up new requests.
        /// </summary>
        public void Submit(TItem item, Func<CancellationToken, Task<TResult>> work, Func<TResult, CancellationToken, Task<TResult>>? afterSlot = null,
            string lane = "")
        {
            submitted++;
            if (!lanes.TryGetValue(lane, out var slots))
            {
                slots = new SemaphoreSlim(ThrottleLimit, ThrottleLimit);
                lanes.Add(lane, slots);
            }
            var outcome = new BulkOutcome<TItem, TResult>(item);
            var entry = new Entry(outcome, RunAsync(outcome, slots, work, afterSlot));
            lock (pending)
            {
                pending.Enqueue(entry);
            }
        }

        /// <summary>
        /// Queues an item refused before anything was sent (bad input), so its error comes out in input order, after
        /// the outcomes of the items before it. Under <see cref="HaltOnFailure"/> it halts the run like any failure.
        /// </summary>
        public void SubmitRejected(TItem item, Exception error)
        {
            submitted++;
            var outcome = new BulkOutcome<TItem, TResult>(item) { Error = error, Completed = true };
            Interlocked.Increment(ref failed);
            Interlocked.Increment(ref completed);
            if (HaltOnFailure)
            {
                Interlocked.CompareExchange(ref haltedBy, outcome, null);
                cancellation.Cancel();
            }
            lock (pending)
            {
                pending.Enqueue(new Entry(outcome, Task.CompletedTask));
            }
        }

        /// <summary>The oldest outcome if it is ready within <paramref name="timeout"/>, else null.</summary>
        public BulkOutcome<TItem, TResult>? TakeNext(TimeSpan timeout)
        {
            Entry head;
            lock (pending)
            {
                if (pending.Count == 0)
                {
                    return null;
                }
                head = pending.Peek();
            }
            if (!head.Task.IsCompleted && !head.Task.Wait(timeout))
            {
                return null;
            }
            lock (pending)
            {
                return pending.Dequeue().Outcome;
            }
        }

        /// <summary>All outcomes that are ready now, oldest first, stopping at the first that is not.</summary>
        public IEnumerable<BulkOutcome<TItem, TResult>> TakeReady()
        {
            while (true)
            {
                BulkOutcome<TItem, TResult> ready;
                lock (pending)
                {
                    if (pending.Count == 0 || !pending.Peek().Task.IsCompleted)
                    {
                        yield break;
                    }
                    ready = pending.Dequeue().Outcome;
                }
                // Never yield under the lock: the caller writes to the pipeline, and a stop on another thread needs it.
                yield return ready;
            }
        }

        /// <summary>
        /// After a stop: waits briefly for canceled work to settle, then returns every outcome the caller never took,
        /// oldest first (sent or not: the caller tells the user which), and forgets them.
        /// </summary>
        public IReadOnlyList<BulkOutcome<TItem, TResult>> SettleUntaken(TimeSpan wait)
        {
            Entry[] entries;
            lock (pending)
            {
                entries = pending.ToArray();
                pending.Clear();
            }
            Task.WaitAll(entries.Select(e => e.Task).ToArray(), wait);
            return entries.Select(e => e.Outcome).ToList();
        }

        /// <summary>Cancels in-flight and waiting work; outcomes still arrive, marked canceled.</summary>
        public void Cancel() => cancellation.Cancel();

        /// <summary>Waits its turn under the -MaxRequestsPerSecond cap (no wait without one); for follow-up requests.</summary>
        public Task WaitForRateAsync(CancellationToken cancellationToken) => rateGate?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

        /// <summary>
        /// Cancels what is still running. The semaphore and token source are left to the GC: work that is finishing
        /// on other threads still releases and reads them.
        /// </summary>
        public void Dispose() => cancellation.Cancel();

        private async Task RunAsync(BulkOutcome<TItem, TResult> outcome, SemaphoreSlim slots, Func<CancellationToken, Task<TResult>> work,
            Func<TResult, CancellationToken, Task<TResult>>? afterSlot)
        {
            var token = cancellation.Token;
            var holdsSlot = false;
            try
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                holdsSlot = true;
                if (rateGate != null)
                {
                    await rateGate.WaitAsync(token).ConfigureAwait(false);
                }
                token.ThrowIfCancellationRequested();
                Interlocked.Increment(ref running);
                outcome.Started = true;
                var result = await work(token).ConfigureAwait(false);
                outcome.Result = result;
                if (afterSlot != null)
                {
                    slots.Release();
                    holdsSlot = false;
                    outcome.Result = await afterSlot(result, token).ConfigureAwait(false);
                }
            }
            catch (Exception error)
            {
                outcome.Error = error;
                Interlocked.Increment(ref failed);
                if (HaltOnFailure && !(error is OperationCanceledException))
                {
                    Interlocked.CompareExchange(ref haltedBy, outcome, null);
                    cancellation.Cancel();
                }
            }
            finally
            {
                outcome.Completed = true;
                if (outcome.Started)
                {
                    Interlocked.Decrement(ref running);
                }
                if (holdsSlot)
                {
                    slots.Release();
                }
                Interlocked.Increment(ref completed);
            }
        }

        private sealed class Entry
        {
            public Entry(BulkOutcome<TItem, TResult> outcome, Task task)
            {
                Outcome = outcome;
                Task = task;
            }

            public BulkOutcome<TItem, TResult> Outcome { get; }
            public Task Task { get; }
        }
    }
}
