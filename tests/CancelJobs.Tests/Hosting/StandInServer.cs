using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// A small HTTP server on 127.0.0.1 that is not AWS: it answers every request with the same status, headers and
    /// body, and counts what it received. For endpoints that answer like a proxy or a web server would.
    /// </summary>
    public sealed class StandInServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly string answer;

        public StandInServer(string status, string body, params string[] headers)
        {
            var head = new StringBuilder($"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n");
            foreach (var header in headers)
            {
                head.Append(header).Append("\r\n");
            }
            answer = head.Append("\r\n").Append(body).ToString();
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        /// <summary>How long to hold each answer after the request arrived (an endpoint that is slow to answer).</summary>
        public TimeSpan HoldAnswer { get; set; }

        /// <summary>Request lines received (e.g. "PUT /things/t-1/jobs/fw-9/cancel HTTP/1.1").</summary>
        public ConcurrentQueue<string> Received { get; } = new ConcurrentQueue<string>();

        /// <summary>The URL of a loopback port nobody listens on: every connection is refused.</summary>
        public static string RefusingUrl()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return $"http://127.0.0.1:{port}";
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception)
                {
                    return;
                }
                _ = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var received = new StringBuilder();
                var buffer = new byte[8192];
                // Read the headers and whatever body the Content-Length announces, then answer.
                while (true)
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    var text = received.ToString();
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        continue;
                    }
                    var length = text.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(h => int.Parse(h.Substring(15).Trim())).FirstOrDefault();
                    if (text.Length - end - 4 >= length)
                    {
                        Received.Enqueue(text.Substring(0, text.IndexOf("\r\n", StringComparison.Ordinal)));
                        break;
                    }
                }
                if (HoldAnswer > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(HoldAnswer, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
