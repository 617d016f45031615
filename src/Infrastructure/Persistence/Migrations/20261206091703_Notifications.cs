using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "sequence",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Outside the EF model (see NotificationQueue): one row per (event, booking, recipient, kind), and the one row that says
            // how far the events have been made into notifications. The cursor starts at the newest event: turning mail
            // on does not mail the bookings made before this migration.
            migrationBuilder.Sql("""
                CREATE TABLE notifications (
                    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    event_id uuid NOT NULL,
                    booking_id uuid NOT NULL,
                    recipient text NOT NULL CHECK (recipient IN ('customer', 'specialist')),
                    kind text NOT NULL CHECK (kind IN ('booked', 'cancelled', 'rescheduled')),
                    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
                    attempts int NOT NULL DEFAULT 0,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    retry_from timestamptz NOT NULL DEFAULT now(),
                    next_attempt_at timestamptz NOT NULL DEFAULT now(),
                    last_error varchar(500),
                    sent_at timestamptz,
                    CONSTRAINT ux_notifications_once UNIQUE (event_id, booking_id, recipient, kind));
                CREATE INDEX ix_notifications_due ON notifications (next_attempt_at) WHERE status IN ('pending', 'sending');
                CREATE TABLE notification_fanout (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    tx xid8 NOT NULL,
                    seq bigint NOT NULL);
                INSERT INTO notification_fanout (tx, seq) VALUES ('0', 0);
                UPDATE notification_fanout SET (tx, seq) = (SELECT tx, seq FROM events ORDER BY tx DESC, seq DESC LIMIT 1)
                WHERE EXISTS (SELECT 1 FROM events);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE notification_fanout; DROP TABLE notifications;");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "bookings");
        }
    }
}
