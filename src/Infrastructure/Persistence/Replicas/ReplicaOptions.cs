namespace Slots.Infrastructure.Persistence.Replicas;

/// <summary>Reads from a standby (<c>Slots:Replicas</c>): the customers' view of a specialist's bookable slots.</summary>
public sealed class ReplicaOptions
{
    public const string Section = "Slots:Replicas";

    /// <summary>Whether the view may be read from a standby; unset, it may when the connection string names more than one host.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How far behind the primary a standby may be and still be read from.</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the primary's position and the standby's replay are compared; well below <see cref="MaxLag"/>.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether reads go to a standby on <paramref name="connectionString"/>; a setting that cannot work stops start-up.</summary>
    internal bool IsOn(Npgsql.NpgsqlConnectionStringBuilder connectionString)
    {
        if (MaxLag <= TimeSpan.Zero || MaxLag > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"{Section}:MaxLag must be above zero and at most 10 minutes, not {MaxLag}.");
        }

        if (ProbeInterval <= TimeSpan.Zero || ProbeInterval >= MaxLag)
        {
            throw new InvalidOperationException($"{Section}:ProbeInterval must be above zero and below MaxLag ({MaxLag}), not {ProbeInterval}.");
        }

        return Enabled ?? connectionString.Host?.Contains(',', StringComparison.Ordinal) == true;
    }
}
