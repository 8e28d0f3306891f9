using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>
    /// Which taken outcomes the report of unwritten items must still name, kept by the pipeline thread as it writes:
    /// the one being written (taken from the executor, not yet written), those a halt canceled while a later item's
    /// failure was written out of order, and, once, whatever the executor never handed out.
    /// </summary>
    public sealed class UnwrittenLedger<TOutcome> where TOutcome : class
    {
        private readonly List<TOutcome> canceledByHalt = new List<TOutcome>();
        private TOutcome? writtenOutOfOrder;
        private int reported;

        /// <summary>Taken from the executor and not yet written: if the pipeline stops meanwhile, it belongs in the report.</summary>
        public TOutcome? BeingWritten { get; private set; }

        public void Taking(TOutcome outcome) => BeingWritten = outcome;

        /// <summary>The outcome being written reached the pipeline (or is the terminating error itself).</summary>
        public void Written() => BeingWritten = null;

        /// <summary>
        /// <paramref name="canceled"/> was canceled by <paramref name="cause"/>'s failure (-ErrorAction Stop), which is
        /// written ahead of it: the canceled one belongs in the report, the cause does not.
        /// </summary>
        public void CanceledByHalt(TOutcome canceled, TOutcome cause)
        {
            canceledByHalt.Add(canceled);
            writtenOutOfOrder = cause;
        }

        public bool Reported => Volatile.Read(ref reported) == 1;

        /// <summary>
        /// The outcomes to report, in order, from the first call only (Ctrl+C and an error turned terminating can both
        /// get here; the user is told once); null on later calls. <paramref name="untaken"/> is what the executor still holds.
        /// </summary>
        public IReadOnlyList<TOutcome>? ReportOnce(Func<IEnumerable<TOutcome>> untaken)
        {
            if (Interlocked.Exchange(ref reported, 1) == 1)
            {
                return null;
            }
            var rest = untaken().Where(outcome => !ReferenceEquals(outcome, writtenOutOfOrder));
            var taken = BeingWritten == null ? canceledByHalt : canceledByHalt.Append(BeingWritten);
            return taken.Concat(rest).Distinct().ToList();
        }
    }
}
