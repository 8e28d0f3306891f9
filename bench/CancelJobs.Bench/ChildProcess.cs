using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace CancelJobs.Bench;

/// <summary>A process the bench starts (itself with --child, or node); stdout is parsed, stderr is passed through.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private bool disposed;

    private ChildProcess(Process process) => this.process = process;

    public static ChildProcess StartSelf(params string[] args)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var arguments = new List<string>();
        // Under `dotnet CancelJobs.Bench.dll` the process is dotnet itself: pass the assembly along.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            arguments.Add(typeof(ChildProcess).Assembly.Location);
        arguments.AddRange(args);
        return Start(host, arguments, workingDirectory: null);
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("  [child] " + e.Data); };
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    public void Send(string line)
    {
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();
    }

    /// <summary>Reads stdout until a line starting with <paramref name="prefix"/>; other lines are echoed to stderr.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        Task<string> read = ReadUntilAsync(prefix);
        if (await Task.WhenAny(read, Task.Delay(timeout)) != read)
        {
            Kill();
            throw new TimeoutException($"The child process gave no '{prefix.Trim()}' line within {timeout.TotalSeconds:0} s.");
        }
        return await read;
    }

    public async Task<T> ResultAsync<T>(TimeSpan timeout)
    {
        string line = await WaitForLineAsync(Children.ResultPrefix, timeout);
        return JsonSerializer.Deserialize<T>(line.Substring(Children.ResultPrefix.Length), Children.Json)!;
    }

    private async Task<string> ReadUntilAsync(string prefix)
    {
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync();
            if (line == null) throw new InvalidOperationException($"The child process exited (code {(process.WaitForExit(5000) ? process.ExitCode : -1)}) before a '{prefix.Trim()}' line.");
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
            Console.Error.WriteLine("  [child] " + line);
        }
    }

    public void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }

    /// <summary>Waits for the process to end on its own (e.g. npm ci); kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        process.StandardInput.Close();
        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            Kill();
            throw new TimeoutException($"The child process did not exit within {timeout.TotalSeconds:0} s.");
        }
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) Kill();
        }
        catch (IOException) { Kill(); }
        process.Dispose();
    }
}
