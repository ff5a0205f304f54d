package jp.renkei.hub.carenet.api;

import jp.renkei.hub.carenet.room.NoLongerMember;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A removed member's request to the care-net API: 403 problem+json saying so, and nothing of the room. */
@RestControllerAdvice(basePackageClasses = CareNetController.class)
class NoLongerMemberAnswer {

    @ExceptionHandler(NoLongerMember.class)
    ResponseEntity<ProblemDetail> refuse(NoLongerMember e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage()));
    }
}
