using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Hosting;
using CancelJobs.Emulator.SignIn;
using CancelJobs.Emulator.Signing;
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

    private EmulatorHost(WebApplication app, Uri baseUri, IReadOnlyDictionary<string, EmulatorState> regions, EmulatorState state)
    {
        this.app = app;
        BaseUri = baseUri;
        State = state;
        Regions = regions;
    }

    /// <summary>With <see cref="EmulatorOptions.Regions"/>: each region's state (<see cref="State"/> is the first's); else empty.</summary>
    public IReadOnlyDictionary<string, EmulatorState> Regions { get; }

    /// <summary>Where the emulator listens, with the real port, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var regions = new Dictionary<string, EmulatorState>(StringComparer.Ordinal);
        foreach (string region in options.Regions.Distinct(StringComparer.Ordinal))
            regions[region] = new EmulatorState(options) { Region = region };
        var state = regions.Count > 0 ? regions[options.Regions[0]] : new EmulatorState(options);
        foreach (EmulatorState seeded in regions.Count > 0 ? regions.Values.ToList() : [state])
        {
            switch (options.Seed)
            {
                case null or "":
                    break;
                case "demo":
                    seeded.SeedDemo();
                    break;
                default:
                    seeded.SeedJson(await File.ReadAllTextAsync(options.Seed, cancellationToken));
                    break;
            }
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
        var handlers = (regions.Count > 0 ? regions.Values.ToList() : [state]).Select(Handlers).ToList();
        app.Run(context => DispatchAsync(context, handlers));

        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The emulator did not report a listen address.");
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), regions, state);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record StateHandlers(EmulatorState State, ControlApi Control, AwsRequestHandler Aws, SignInHandler SignIn);

    private static StateHandlers Handlers(EmulatorState state) =>
        new(state, new ControlApi(state), new AwsRequestHandler(state, new ServiceCatalog(state), new FaultInjector(state.RateLimiter)), new SignInHandler(state));

    /// <summary>
    /// The state that answers: with several regions, the control API's ?region=NAME, or the region an AWS request's
    /// credential scope names (any other region goes to the first, which refuses it); else the only one.
    /// </summary>
    private static StateHandlers Pick(IReadOnlyList<StateHandlers> handlers, HttpContext context, RequestTarget target)
    {
        if (handlers.Count == 1) return handlers[0];
        string? region = ControlApi.Handles(target.Path)
            ? context.Request.Query["region"].FirstOrDefault()
            : AuthorizationHeader.TryParse(context.Request.Headers.Authorization.FirstOrDefault())?.Region;
        return handlers.FirstOrDefault(h => h.State.Region == region) ?? handlers[0];
    }

    private static async Task DispatchAsync(HttpContext context, IReadOnlyList<StateHandlers> handlers)
    {
        try
        {
            RequestTarget target = RequestTarget.From(context);
            byte[] body = await RequestTarget.ReadBodyAsync(context.Request);
            var (_, control, aws, signIn) = Pick(handlers, context, target);
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
