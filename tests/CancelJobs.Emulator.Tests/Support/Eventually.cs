using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace CancelJobs.Emulator.Tests.Support;

/// <summary>Polls until a condition holds, so delayed transitions are tested without fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int timeoutMs = 5000)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            T value = await probe();
            if (done(value) || clock.ElapsedMilliseconds > timeoutMs) return value;
            await Task.Delay(50);
        }
    }
}
