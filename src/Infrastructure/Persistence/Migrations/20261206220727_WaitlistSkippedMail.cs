using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WaitlistSkippedMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outside the EF model (see NotificationQueue): a message to a waiting customer a freed seat passed by is about
            // their waitlist place, not a booking; exactly one of the two is named, and each place is told once per event.
            migrationBuilder.Sql("""
                ALTER TABLE notifications ALTER COLUMN booking_id DROP NOT NULL;
                ALTER TABLE notifications ADD COLUMN waitlist_entry_id uuid;
                ALTER TABLE notifications ADD CONSTRAINT ck_notifications_subject CHECK ((booking_id IS NULL) <> (waitlist_entry_id IS NULL));
                CREATE UNIQUE INDEX ux_notifications_waitlist_once ON notifications (event_id, waitlist_entry_id) WHERE waitlist_entry_id IS NOT NULL;
                ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
                ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
                    CHECK (kind IN ('booked', 'cancelled', 'rescheduled', 'reminder', 'waitlist_skipped'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DELETE FROM notifications WHERE waitlist_entry_id IS NOT NULL;
                ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
                ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('booked', 'cancelled', 'rescheduled', 'reminder'));
                DROP INDEX ux_notifications_waitlist_once;
                ALTER TABLE notifications DROP CONSTRAINT ck_notifications_subject;
                ALTER TABLE notifications DROP COLUMN waitlist_entry_id;
                ALTER TABLE notifications ALTER COLUMN booking_id SET NOT NULL;
                """);
        }
    }
}
