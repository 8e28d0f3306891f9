using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Tests
{
    /// <summary>Seed documents with more jobs than one page holds.</summary>
    internal static class Seeds
    {
        public static string Document(string service, IEnumerable<string> items) => "{\"" + service + "\":[" + string.Join(",", items) + "]}";

        public static string Number(int i) => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

        public static IEnumerable<int> Range(int count) => Enumerable.Range(0, count);

        /// <summary>Every <paramref name="every"/>-th item gets <paramref name="other"/>, the rest <paramref name="status"/>.</summary>
        public static string StatusFor(int i, string status, string other, int every = 3) => i % every == every - 1 ? other : status;
    }
}
