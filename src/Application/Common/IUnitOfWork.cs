namespace Slots.Application.Common;

/// <summary>Runs one command's work in one database transaction and commits it.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> inside a transaction, saves and commits. The work may run more than
    /// once when a transient failure is retried, each time on a clean slate.
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
