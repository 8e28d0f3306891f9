using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Hosting;
using CancelJobs.Emulator.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CancelJobs.Emulator;

/// <summary>A running emulator: a Kestrel server on <see cref="BaseUri"/> serving all four services and the control API.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorHost(WebApplication app, Uri baseUri, EmulatorState state)
    {
        this.app = app;
        BaseUri = baseUri;
        State = state;
    }

    /// <summary>Where the emulator listens, with the real port, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options);
        switch (options.Seed)
        {
            case null or "":
                break;
            case "demo":
                state.SeedDemo();
                break;
            default:
                state.SeedJson(await File.ReadAllTextAsync(options.Seed, cancellationToken));
                break;
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        // Benchmarks seed 100,000+ items in one control request; Kestrel's 30 MB default is too small.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 512L * 1024 * 1024);
        if (options.Quiet) builder.Logging.ClearProviders();
        // The host owns its lifetime (tests dispose it; Program handles signals), so no console lifetime.
        builder.Services.AddSingleton<IHostLifetime, ExternallyOwnedLifetime>();

        WebApplication app = builder.Build();
        var control = new ControlApi(state);
        var aws = new AwsRequestHandler(state, new ServiceCatalog(state), new FaultInjector(state.RateLimiter));
        var signIn = new SignInHandler(state);
        app.Run(context => DispatchAsync(context, control, aws, signIn));

        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The emulator did not report a listen address.");
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), state);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task DispatchAsync(HttpContext context, ControlApi control, AwsRequestHandler aws, SignInHandler signIn)
    {
        try
        {
            RequestTarget target = RequestTarget.From(context);
            byte[] body = await RequestTarget.ReadBodyAsync(context.Request);
            if (ControlApi.Handles(target.Path))
                await control.HandleAsync(context, target.Path, body);
            else if (SignInHandler.Handles(context.Request, target))
                await signIn.HandleAsync(context, target, body);
            else
                await aws.HandleAsync(context, target, body);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (e.g. during injected latency); nobody is left to answer.
        }
    }

    /// <summary>Starts and stops only when told; no Ctrl+C hooks inside a library.</summary>
    private sealed class ExternallyOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
