using System.Diagnostics;
using FluentValidation;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.Dispatching;

public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var name = typeof(TRequest).Name;
                LogHandled(logger, name, ms);
            }
            return response;
        }
        catch (Exception e) when (logger.IsEnabled(LogLevel.Information))
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var name = typeof(TRequest).Name;
            var outcome = e.GetType().Name;
            LogRefused(logger, name, outcome, ms);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} handled in {ElapsedMs:F1} ms")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} ended with {Outcome} after {ElapsedMs:F1} ms")]
    private static partial void LogRefused(ILogger logger, string request, string outcome, double elapsedMs);
}

/// <summary>The request's shape, checked by its FluentValidation validators: every error of every field at once (400).
/// Business rules are not checked here: they live in the domain deciders.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return await next();
    }
}

/// <summary>Retries a command that lost a race for a stream (ConcurrencyException) by running the handler again,
/// which re-reads and re-decides. Only for requests marked <see cref="IRetryOnConflict"/>.</summary>
public sealed class ConflictRetryBehavior<TRequest, TResponse>(IEnumerable<IUnitOfWork> unitsOfWork) : IPipelineBehavior<TRequest, TResponse> where TRequest : notnull
{
    private const int MaxAttempts = 8;

    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        if (request is not IRetryOnConflict)
        {
            return await next();
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // A short randomised back-off spreads the contenders out; then decide again on fresh state.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                foreach (var unit in unitsOfWork)
                {
                    unit.Reset();
                }
            }
        }
    }
}
