using Slots.Domain.Slots;

namespace Slots.Application.Slots.PlaceHold;

/// <summary>
/// How long a seat hold lives when its request does not say (<c>Slots:Holds:Minutes</c>, at most
/// <see cref="SlotLimits.MaxHoldMinutes"/>), and how often the sweep ends the holds past their time
/// (<c>Slots:Holds:SweepSeconds</c>). Expiry is exact without the sweep: a hold past its time keeps no seat.
/// </summary>
public sealed record HoldSettings
{
    public HoldSettings(int minutes, int sweepSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, SlotLimits.MaxHoldMinutes);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweepSeconds, 1);
        (Minutes, SweepInterval) = (minutes, TimeSpan.FromSeconds(sweepSeconds));
    }

    public static HoldSettings Default { get; } = new(SlotLimits.DefaultHoldMinutes, 10);

    /// <summary>Minutes a hold lives when its request asks no other time.</summary>
    public int Minutes { get; }

    /// <summary>How often the sweep ends holds past their time, sends their events and gives their seats to the waitlist.</summary>
    public TimeSpan SweepInterval { get; }
}
