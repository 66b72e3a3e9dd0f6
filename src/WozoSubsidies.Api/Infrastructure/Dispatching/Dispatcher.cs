using System.Collections.Concurrent;

namespace WozoSubsidies.Api.Infrastructure.Dispatching;

/// <summary>Resolves the one handler for a request and wraps it in the registered behaviours, outermost first.</summary>
public sealed class Dispatcher(IServiceProvider services) : ISender
{
    // One stateless wrapper per request type, made once: reflection per request showed up in the load profile.
    private static readonly ConcurrentDictionary<Type, object> Wrappers = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        var wrapper = (IRequestWrapper<TResponse>)Wrappers.GetOrAdd(request.GetType(),
            t => Activator.CreateInstance(typeof(RequestWrapper<,>).MakeGenericType(t, typeof(TResponse)))!);
        return wrapper.Handle(request, services, cancellationToken);
    }

    private interface IRequestWrapper<TResponse>
    {
        Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken ct);
    }

    private sealed class RequestWrapper<TRequest, TResponse> : IRequestWrapper<TResponse> where TRequest : IRequest<TResponse>
    {
        public Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken ct)
        {
            var typed = (TRequest)request;
            var handler = services.GetService<IRequestHandler<TRequest, TResponse>>()
                ?? throw new InvalidOperationException($"No handler registered for {typeof(TRequest).Name}.");
            RequestHandlerDelegate<TResponse> next = () => handler.Handle(typed, ct);
            foreach (var behavior in services.GetServices<IPipelineBehavior<TRequest, TResponse>>().Reverse())
            {
                var inner = next;
                next = () => behavior.Handle(typed, inner, ct);
            }
            return next();
        }
    }
}

public static class DispatchingSetup
{
    public static IServiceCollection AddWozoDispatching(this IServiceCollection services)
    {
        services.AddScoped<ISender, Dispatcher>();
        // Order = outermost first: log everything, validate shape, then retry the decision on a conflict.
        // Logging and validation hold nothing per request (validators are singletons): made once per request type.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ConflictRetryBehavior<,>));
        return services;
    }

    /// <summary>Handlers are registered explicitly, one line per use case (ARCHITECTURE.md style rule 3).</summary>
    public static IServiceCollection AddHandler<TRequest, TResponse, THandler>(this IServiceCollection services)
        where TRequest : IRequest<TResponse>
        where THandler : class, IRequestHandler<TRequest, TResponse>
        => services.AddScoped<IRequestHandler<TRequest, TResponse>, THandler>();
}
