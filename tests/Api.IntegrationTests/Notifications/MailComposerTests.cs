using System.Text;
using Slots.Application.Notifications;
using Slots.Infrastructure.Calendars;
using Slots.Infrastructure.Notifications;

namespace Slots.Api.IntegrationTests.Notifications;

/// <summary>
/// The composer alone, on bookings the API would refuse to take today (data imported or written before the rules): a name
/// with a line break starts no header, and a booking cancelled before its confirmation went out, or gone, sends nothing.
/// </summary>
public class MailComposerTests
{
    private static readonly MailOptions Options = new() { Host = "127.0.0.1" };

    private static readonly MailComposer Composer = new(Options, new IcalCalendarWriter(Options));

    private static BookingState Booking(string name, DateTime? cancelledAt = null) => new(
        Guid.NewGuid(), "eve@example.com", name, cancelledAt, 0, "spec@example.com",
        new DateTime(2027, 1, 5, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 5, 10, 0, 0, DateTimeKind.Utc),
        new DateOnly(2027, 1, 5), new TimeOnly(10, 0), new TimeOnly(11, 0), "Europe/Berlin", null);

    private static ClaimedNotification Notification(NotificationKind kind, NotificationRecipient recipient, BookingState? booking) =>
        new(Guid.NewGuid(), kind, recipient, 1, DateTime.UtcNow, DateTime.UtcNow, booking);

    [Theory]
    [InlineData(NotificationRecipient.Customer)]
    [InlineData(NotificationRecipient.Specialist)]
    public void A_line_break_in_a_name_starts_no_header(NotificationRecipient recipient)
    {
        var message = Composer.Compose(Notification(NotificationKind.Booked, recipient, Booking("Eve\r\nBcc: victim@example.com\r\nX-Evil: 1")))!;

        using var raw = new MemoryStream();
        message.WriteTo(raw);
        var lines = Encoding.UTF8.GetString(raw.ToArray()).Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("X-Evil:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(message.Bcc);
        Assert.Contains("Eve  Bcc: victim@example.com  X-Evil: 1", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmation_of_a_booking_cancelled_since_or_gone_is_not_sent_but_its_cancellation_is()
    {
        var cancelled = Booking("Eve", cancelledAt: DateTime.UtcNow);

        Assert.Null(Composer.Compose(Notification(NotificationKind.Booked, NotificationRecipient.Customer, cancelled)));
        Assert.Null(Composer.Compose(Notification(NotificationKind.Booked, NotificationRecipient.Specialist, null)));
        Assert.NotNull(Composer.Compose(Notification(NotificationKind.Cancelled, NotificationRecipient.Customer, cancelled)));
    }

    /// <summary>
    /// A message sent is let go. The composer lives as long as the process; its sender's address was one object added to
    /// every message's From, and MimeKit's address lists listen to their addresses' changes, so the address held every
    /// message ever composed (17 GB after 400,000 mails in the bench).
    /// </summary>
    [Fact]
    public void A_composed_message_is_not_kept_once_its_sender_lets_it_go()
    {
        var composed = ComposeAndForget();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(composed.IsAlive, "the composer still holds a message it made");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference ComposeAndForget()
    {
        var message = Composer.Compose(Notification(NotificationKind.Booked, NotificationRecipient.Customer, Booking("Eve")))!;
        Assert.Equal(Options.Sender.Address, Assert.Single(message.From.Mailboxes).Address);
        return new WeakReference(message);
    }

    [Fact]
    public void Times_are_told_in_the_specialists_zone_named()
    {
        Assert.Equal("Tuesday, 5 January 2027, 10:00–11:00 (Europe/Berlin)", MailComposer.When(Booking("Eve")));
    }

    [Fact]
    public void A_bookings_confirmation_and_notice_carry_one_invite_written_once()
    {
        var booking = Booking("Eve");
        var invites = new Dictionary<(Guid, int, string), string>();

        // Claimed a minute apart, so that two invites written each for itself would differ in DTSTAMP.
        var claimed = new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
        ClaimedNotification At(NotificationKind kind, NotificationRecipient recipient, BookingState state, int minutes) =>
            new(Guid.NewGuid(), kind, recipient, 1, claimed, claimed.AddMinutes(minutes), state);

        var toCustomer = Composer.Compose(At(NotificationKind.Booked, NotificationRecipient.Customer, booking, 0), invites)!;
        var toSpecialist = Composer.Compose(At(NotificationKind.Booked, NotificationRecipient.Specialist, booking, 1), invites)!;
        var cancelled = Composer.Compose(At(NotificationKind.Cancelled, NotificationRecipient.Customer, booking with { Sequence = 1 }, 2), invites)!;
        var alone = Composer.Compose(At(NotificationKind.Booked, NotificationRecipient.Specialist, booking, 1))!;

        Assert.Equal(2, invites.Count);
        Assert.Equal(Calendar(toCustomer), Calendar(toSpecialist));
        Assert.NotEqual(Calendar(toCustomer), Calendar(alone));
        Assert.Contains("METHOD:CANCEL", Calendar(cancelled), StringComparison.Ordinal);
    }

    private static string Calendar(MimeKit.MimeMessage message) =>
        message.BodyParts.OfType<MimeKit.TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text;
}
