namespace WozoSubsidies.Api.Infrastructure.Dispatching;

// MediatR-shaped contracts (ARCHITECTURE.md "Commands and requests"): MediatR does not restore here, and these
// names and shapes let it replace this dispatcher later by a change of usings.

#pragma warning disable CA1040 // a marker carrying the response type, as in MediatR
public interface IRequest<out TResponse>;
#pragma warning restore CA1040

public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

public interface IPipelineBehavior<in TRequest, TResponse> where TRequest : notnull
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
}

public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}

/// <summary>A command whose handler re-reads the state and decides again, so a concurrency conflict may be retried
/// without asking the client (not when the client pinned a version with If-Match).</summary>
#pragma warning disable CA1040
public interface IRetryOnConflict;
#pragma warning restore CA1040

/// <summary>State a handler caches while deciding (loaded aggregates); cleared before a retry so the handler re-reads.</summary>
public interface IUnitOfWork
{
    void Reset();
}
